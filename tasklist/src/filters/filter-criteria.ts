/**
 * The filter editor's simple criteria ⇄ a Camunda filter query (TaskQueryDto JSON).
 */

/** What the editor offers. */
export interface FilterCriteria {
  assignedToMe: boolean;
  candidateGroup: string;
  processDefinitionKey: string;
  nameContains: string;
  businessKeyContains: string;
  minPriority: string;
}

/** Empty criteria. */
export const NO_CRITERIA: FilterCriteria = { assignedToMe: false, candidateGroup: '', processDefinitionKey: '', nameContains: '', businessKeyContains: '', minPriority: '' };

const unwrapLike = (v: unknown) => (typeof v === 'string' ? v.replace(/^%|%$/g, '') : '');

/** Criteria → query. */
export function toQuery(c: FilterCriteria): Record<string, unknown> {
  const q: Record<string, unknown> = {};
  if (c.assignedToMe) q.assigneeExpression = '${currentUser()}';
  if (c.candidateGroup.trim()) {
    q.candidateGroup = c.candidateGroup.trim();
    q.includeAssignedTasks = true;
  }
  if (c.processDefinitionKey.trim()) q.processDefinitionKey = c.processDefinitionKey.trim();
  if (c.nameContains.trim()) q.nameLike = `%${c.nameContains.trim()}%`;
  if (c.businessKeyContains.trim()) q.processInstanceBusinessKeyLike = `%${c.businessKeyContains.trim()}%`;
  if (c.minPriority.trim() && Number.isInteger(Number(c.minPriority))) q.minPriority = Number(c.minPriority);
  return q;
}

/** Query → criteria (keys the editor does not know are kept by the caller). */
export function fromQuery(q: Record<string, unknown>): FilterCriteria {
  return {
    assignedToMe: typeof q.assigneeExpression === 'string',
    candidateGroup: typeof q.candidateGroup === 'string' ? q.candidateGroup : '',
    processDefinitionKey: typeof q.processDefinitionKey === 'string' ? q.processDefinitionKey : '',
    nameContains: unwrapLike(q.nameLike),
    businessKeyContains: unwrapLike(q.processInstanceBusinessKeyLike),
    minPriority: typeof q.minPriority === 'number' ? String(q.minPriority) : '',
  };
}
