/**
 * User task: creates a task for people (assignee, candidates, dates, priority and form key
 * from camunda: attributes, evaluated as expressions) and waits until it is completed.
 */
import type { CompiledExpression } from '../../expression';
import { BatonError } from '../../errors';
import type { FlowNode, UserTaskSpec } from '../../model/executable-model';
import type { TokenRecord } from '../../persistence/records';
import { parseCamundaDate } from '../../variables/wire-format';
import type { BehaviorContext, ElementBehavior, NewUserTask } from '../context';
import { leaveActivity } from '../shared/outgoing-flows';

/** Behavior of `bpmn:userTask`. */
export const userTask: ElementBehavior = {
  enter: (ctx, node, token) => {
    const task = evaluateTask(ctx, node, node.userTask!, token);
    ctx.wait(token);
    ctx.createUserTask(token, task);
  },
  trigger: (ctx, node, token) => {
    ctx.endUserTask(token, 'completed');
    leaveActivity(ctx, node, token);
  },
  terminate: (ctx, _node, token) => ctx.endUserTask(token, 'deleted'),
};

function evaluateTask(ctx: BehaviorContext, node: FlowNode, spec: UserTaskSpec, token: TokenRecord): NewUserTask {
  const value = (e: CompiledExpression | null) => (e ? ctx.evaluate(e, token) : null);
  return {
    name: text(value(spec.name)),
    description: text(value(spec.description)),
    assignee: text(value(spec.assignee)),
    candidateUsers: csv(value(spec.candidateUsers)),
    candidateGroups: csv(value(spec.candidateGroups)),
    due: date(node, 'dueDate', value(spec.dueDate)),
    followUp: date(node, 'followUpDate', value(spec.followUpDate)),
    priority: priority(node, value(spec.priority)),
    formKey: text(value(spec.formKey)),
  };
}

function text(v: unknown): string | null {
  if (v === null || v === undefined || v === '') return null;
  return v instanceof Date ? v.toISOString() : String(v);
}

/** Candidate lists: a comma-separated string or a list value (Camunda accepts both). */
function csv(v: unknown): string[] {
  const items = Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',') : v == null ? [] : [String(v)];
  return [...new Set(items.map((s) => s.trim()).filter((s) => s.length > 0))];
}

function date(node: FlowNode, attr: string, v: unknown): Date | null {
  if (v === null || v === undefined || v === '') return null;
  if (v instanceof Date) return v;
  const parsed = typeof v === 'string' ? parseCamundaDate(v) : null;
  if (!parsed) throw new BatonError('EXPRESSION_EVALUATION', `camunda:${attr} of '${node.id}' is not a date: ${String(v)}`);
  return parsed;
}

function priority(node: FlowNode, v: unknown): number {
  if (v === null || v === undefined || v === '') return 50;
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isInteger(n)) throw new BatonError('EXPRESSION_EVALUATION', `camunda:priority of '${node.id}' is not an integer: ${String(v)}`);
  return n;
}
