/**
 * Standard loop body (`<id>#loopBody`) for `bpmn:standardLoopCharacteristics`, which Camunda 7
 * rejects and Baton runs: the inner activity runs again and again, one iteration at a time,
 * while `loopCondition` holds, at most `loopMaximum` times. With testBefore="true" the condition
 * is checked before the first iteration too (a while loop), else only after each iteration (a
 * do-while loop). `loopCounter` (on the body's scope) counts the completed iterations.
 */
import type { StandardLoopSpec } from '../../model/loop-spec';
import type { TokenRecord } from '../../persistence/records';
import type { BehaviorContext, ElementBehavior } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of the body of a `bpmn:standardLoopCharacteristics` activity. */
export const standardLoopBody: ElementBehavior = {
  enter: (ctx, node, token) => {
    const spec = node.loop as StandardLoopSpec;
    ctx.wait(token);
    const scopeId = ctx.startLoopScope(token);
    ctx.setLocalVariables(scopeId, { loopCounter: 0 });
    if (spec.maximum === 0 || (spec.testBefore && !conditionHolds(ctx, spec, token))) ctx.endLoopScope(token);
    else ctx.startLoopInstance(token, spec.innerId, {});
  },
  trigger: (ctx, node, token, signal) => {
    // A body in an incident (condition failed) neither counts nor leaves; retrying it runs the loop again.
    if (token.status === 'incident') return;
    if (signal.kind !== 'loopInstanceCompleted') return leaveActivity(ctx, node, token);
    const spec = node.loop as StandardLoopSpec;
    const scopeId = token.activityInstanceId;
    const done = Number(ctx.localVariable(scopeId, 'loopCounter')) + 1;
    ctx.setLocalVariables(scopeId, { loopCounter: done });
    // Evaluated in the finished iteration's variables; when no new iteration starts, the body's scope empties and the body leaves.
    if ((spec.maximum === null || done < spec.maximum) && conditionHolds(ctx, spec, signal.instance)) {
      ctx.startLoopInstance(token, spec.innerId, {});
    }
  },
};

function conditionHolds(ctx: BehaviorContext, spec: StandardLoopSpec, token: TokenRecord): boolean {
  return spec.condition === null || ctx.evaluateCondition(spec.condition, token);
}
