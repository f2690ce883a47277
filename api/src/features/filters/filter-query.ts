/**
 * A saved filter's query (Camunda's TaskQueryDto as JSON) → task query parameters for the
 * current user. Of Camunda's expressions only `${currentUser()}` and `${currentUserGroups()}`
 * are accepted (what Camunda's default filters use); a filter never evaluates arbitrary JUEL.
 */
import type { Principal } from '../../auth/permissions';
import { HttpError } from '../../http/error-mapping';

/** Task query keys a filter may contain (those the task query understands). */
const KEYS = new Set([
  'taskId', 'taskIdIn', 'processInstanceId', 'processInstanceIdIn', 'processInstanceBusinessKey', 'processInstanceBusinessKeyLike',
  'processDefinitionKey', 'processDefinitionKeyIn', 'processDefinitionId', 'taskDefinitionKey', 'taskDefinitionKeyIn',
  'taskDefinitionKeyLike', 'name', 'nameLike', 'descriptionLike', 'assignee', 'assigneeLike', 'assigneeIn', 'owner', 'unassigned',
  'assigned', 'candidateGroup', 'candidateGroups', 'candidateUser', 'withCandidateGroups', 'withoutCandidateGroups',
  'withCandidateUsers', 'withoutCandidateUsers', 'priority', 'minPriority', 'maxPriority', 'dueBefore', 'dueAfter',
  'followUpBefore', 'followUpAfter', 'createdBefore', 'createdAfter', 'active', 'suspended', 'includeAssignedTasks', 'sorting',
]);

const EXPRESSIONS: Record<string, (p: Principal) => unknown> = {
  'currentUser()': (p) => p.userId,
  'currentUserGroups()': (p) => [...p.groups],
};

function expressionBody(value: unknown): string | null {
  const m = typeof value === 'string' ? /^\s*[$#]\{\s*(.*?)\s*\}\s*$/.exec(value) : null;
  return m ? m[1]!.replace(/\s+/g, '') : null;
}

/** Throws 400 naming the first key or expression a filter query may not contain. */
export function checkFilterQuery(query: unknown): Record<string, unknown> {
  if (query === undefined || query === null) return {};
  if (typeof query !== 'object' || Array.isArray(query)) throw new HttpError(400, 'InvalidRequestException', "A filter's 'query' must be a JSON object");
  for (const [key, value] of Object.entries(query)) {
    const base = key.endsWith('Expression') ? key.slice(0, -'Expression'.length) : key;
    if (!KEYS.has(base)) throw new HttpError(400, 'InvalidRequestException', `Filter query key '${key}' is not supported by Baton`);
    if (base !== key) {
      const body = expressionBody(value);
      if (!body || !EXPRESSIONS[body]) {
        throw new HttpError(400, 'InvalidRequestException', `Filter query '${key}': only \${currentUser()} and \${currentUserGroups()} are supported`);
      }
    }
  }
  return query as Record<string, unknown>;
}

/** Resolves expressions and sorting (the task query leaves assigned tasks out of candidate queries unless includeAssignedTasks). */
export function resolveFilterQuery(query: Record<string, unknown>, p: Principal): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(checkFilterQuery(query))) {
    if (key === 'sorting') continue;
    if (key.endsWith('Expression')) out[key.slice(0, -'Expression'.length)] = EXPRESSIONS[expressionBody(value)!]!(p);
    else out[key] = value;
  }
  const sorting = Array.isArray(query.sorting) ? (query.sorting[0] as { sortBy?: unknown; sortOrder?: unknown } | undefined) : undefined;
  if (sorting && typeof sorting.sortBy === 'string') {
    out.sortBy = sorting.sortBy;
    out.sortOrder = sorting.sortOrder === 'desc' ? 'desc' : 'asc';
  }
  return out;
}
