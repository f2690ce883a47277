/**
 * Cancel end event (inside a transaction sub-process): ends every other token of the
 * transaction, compensates what completed in it (last completed first) and, once every handler
 * has finished, throws the cancel to the transaction's cancel boundary event, which ends the
 * transaction and leaves through its flows. Camunda 7 enters the boundary event before running
 * the handlers and leaves it after; Baton runs them first, inside the transaction's scope, so the
 * outcome is the same and the handlers still see the transaction's variables.
 */
import type { BehaviorContext, ElementBehavior } from '../context';
import type { TokenRecord } from '../../persistence/records';

function cancelTransaction(ctx: BehaviorContext, token: TokenRecord): void {
  // The deploy checks guarantee a cancel boundary event on the transaction, so this is always caught.
  if (ctx.throwEvent(token, { type: 'cancel', code: '', message: null })) ctx.leave(token, []);
}

/** Behavior of `bpmn:endEvent` with `bpmn:cancelEventDefinition`. */
export const cancelEndEvent: ElementBehavior = {
  enter: (ctx, _node, token) => {
    ctx.wait(token);
    ctx.terminateOthersInScope(token);
    if (!ctx.compensate(token, null)) cancelTransaction(ctx, token);
  },
  trigger: (ctx, _node, token) => cancelTransaction(ctx, token),
};
