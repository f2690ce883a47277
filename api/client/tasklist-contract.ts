/**
 * Wire types of the tasklist's calls: list pages, saved filters, comments, identity links,
 * resolved forms and per-field validation errors (Baton additions next to Camunda shapes).
 */
import type { TaskDto, VariablesDto } from './contract';

/** A task list row: TaskDto plus the process name, business key and candidates. */
export interface TaskListItemDto extends TaskDto {
  processDefinitionName: string | null;
  processDefinitionKey: string;
  businessKey: string | null;
  candidateGroups: string[];
  candidateUsers: string[];
}

/** One page of a task list with the total number of matching tasks. */
export interface TaskListPageDto {
  items: TaskListItemDto[];
  count: number;
}

/** The built-in lists of the tasklist. */
export type BuiltInList = 'mine' | 'group' | 'unassigned' | 'all';

/** Badge counts of the built-in lists. */
export type ListCountsDto = Record<BuiltInList, number>;

/** Sortable columns offered by the tasklist. */
export type TaskSortBy = 'created' | 'dueDate' | 'priority' | 'name';

/** Camunda's FilterDto (resource type Task). */
export interface FilterDto {
  id: string;
  resourceType: 'Task';
  name: string;
  owner: string | null;
  query: Record<string, unknown>;
  properties: { color?: string; description?: string; priority?: number; [more: string]: unknown };
  itemCount?: number;
}

/** Body of POST /filter/create and PUT /filter/{id}. */
export type FilterInputDto = Pick<FilterDto, 'name' | 'query' | 'properties'> & { resourceType?: 'Task'; owner?: string | null };

/** Camunda's CommentDto. */
export interface CommentDto {
  id: string;
  userId: string | null;
  taskId: string;
  processInstanceId: string | null;
  time: string;
  message: string;
}

/** Camunda's IdentityLinkDto. */
export interface IdentityLinkDto {
  userId: string | null;
  groupId: string | null;
  type: 'assignee' | 'owner' | 'candidate';
}

/** A generated form field (camunda:formField). */
export interface FormFieldDto {
  id: string;
  label: string | null;
  type: string;
  defaultValue: string | null;
  constraints: Array<{ name: string; config: string | null }>;
  values: Array<{ id: string; name: string | null }>;
}

/** The resolved form of a task or start event (Baton addition `form-definition`). */
export type FormDefinitionDto =
  | { kind: 'camunda-form'; schema: { id?: string; type: string; components: unknown[]; [more: string]: unknown }; source: { deploymentId: string; resourceName: string } }
  | { kind: 'generated'; fields: FormFieldDto[] }
  | { kind: 'none'; formKey: string | null; reason: string | null };

/** Per-field messages of a rejected form submission (`details.fieldErrors` of a 400). */
export type FieldErrors = Record<string, string>;

/** Body of submit-form calls. */
export interface SubmitFormDto {
  variables: VariablesDto;
  businessKey?: string;
}
