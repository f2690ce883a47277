/**
 * The tasklist's calls on Baton's REST API (Camunda 7 paths under /engine-rest, the session
 * under /baton/api), on top of the shared HttpClient.
 */
import type {
  HistoricActivityInstanceDto, ProcessDefinitionDto, ProcessInstanceDto, SessionDto, TaskDto, VariablesDto,
} from './contract';
import { ApiError, type HttpClient } from './http-client';
import type {
  BuiltInList, CommentDto, FieldErrors, FilterDto, FilterInputDto, FormDefinitionDto, IdentityLinkDto, ListCountsDto,
  TaskListItemDto, TaskListPageDto, TaskSortBy,
} from './tasklist-contract';

export type * from './tasklist-contract';

const REST = '/engine-rest';

/** What a task list page asks for. */
export interface TaskListRequest {
  readonly list?: BuiltInList;
  readonly filterId?: string;
  readonly search?: string;
  readonly sortBy?: TaskSortBy;
  readonly sortOrder?: 'asc' | 'desc';
  readonly firstResult?: number;
  readonly maxResults?: number;
}

/** Per-field messages of a 400 from submit-form, or null for other errors. */
export function fieldErrorsOf(err: unknown): FieldErrors | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const details = err.body.details as { fieldErrors?: FieldErrors } | undefined;
  return details?.fieldErrors ?? null;
}

/** The tasklist API. */
export class TasklistApi {
  constructor(readonly http: HttpClient) {}

  /** Signs in; remembers the CSRF token. */
  async login(username: string, password: string): Promise<SessionDto> {
    const s = await this.http.request<SessionDto>('/baton/api/login', { method: 'POST', body: { username, password } });
    this.http.setCsrfToken(s.csrfToken);
    return s;
  }

  /** The current session, or null when signed out. */
  async me(): Promise<SessionDto | null> {
    try {
      const s = await this.http.request<SessionDto>('/baton/api/me');
      this.http.setCsrfToken(s.csrfToken);
      return s;
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  }

  /** Signs out. */
  async logout(): Promise<void> {
    await this.http.request('/baton/api/logout', { method: 'POST' });
    this.http.setCsrfToken(null);
  }

  /** One page of a built-in list or saved filter. */
  tasks(r: TaskListRequest): Promise<TaskListPageDto> {
    return this.http.request(`${REST}/tasklist/tasks`, { query: { ...r } });
  }

  /** One task as a list row (with process name, business key, candidates); 403/404 as the task. */
  taskItem(id: string): Promise<TaskListItemDto> {
    return this.http.request(`${REST}/tasklist/tasks/${encodeURIComponent(id)}`);
  }

  /** Badge counts of the built-in lists. */
  listCounts(): Promise<ListCountsDto> {
    return this.http.request(`${REST}/tasklist/counts`);
  }

  /** One task (403 when the user may not see it, 404 when it is gone). */
  task(id: string): Promise<TaskDto> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}`);
  }

  /** Assignee, owner and candidates of a task. */
  identityLinks(id: string): Promise<IdentityLinkDto[]> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/identity-links`);
  }

  /** Claims a task for a user. */
  claim(id: string, userId: string): Promise<void> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/claim`, { method: 'POST', body: { userId } });
  }

  /** Returns a task to its candidates. */
  unclaim(id: string): Promise<void> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/unclaim`, { method: 'POST' });
  }

  /** Sets the assignee (null clears it). */
  setAssignee(id: string, userId: string | null): Promise<void> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/assignee`, { method: 'POST', body: { userId } });
  }

  /** Delegates a task to another user (the owner stays). */
  delegate(id: string, userId: string): Promise<void> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/delegate`, { method: 'POST', body: { userId } });
  }

  /** Changes due date, follow-up date and/or priority. */
  updateTask(id: string, changes: { due?: string | null; followUp?: string | null; priority?: number }): Promise<void> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}`, { method: 'PUT', body: changes });
  }

  /** Comments of a task, oldest first. */
  comments(id: string): Promise<CommentDto[]> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/comment`);
  }

  /** Adds a comment. */
  addComment(id: string, message: string): Promise<CommentDto> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/comment/create`, { method: 'POST', body: { message } });
  }

  /** The task's form. */
  taskForm(id: string): Promise<FormDefinitionDto> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/form-definition`);
  }

  /** Variables that prefill the task's form. */
  taskFormVariables(id: string): Promise<VariablesDto> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/form-variables`);
  }

  /** Completes the task with form values; a 400 carries per-field messages (fieldErrorsOf). */
  submitTaskForm(id: string, variables: VariablesDto): Promise<void> {
    return this.http.request(`${REST}/task/${encodeURIComponent(id)}/submit-form`, { method: 'POST', body: { variables } });
  }

  /** Latest versions of the definitions the user may start. */
  startableDefinitions(): Promise<ProcessDefinitionDto[]> {
    return this.http.request(`${REST}/process-definition`, { query: { latestVersion: true, startableInTasklist: true, startablePermissionCheck: true, active: true, sortBy: 'name', sortOrder: 'asc' } });
  }

  /** One definition. */
  definition(id: string): Promise<ProcessDefinitionDto> {
    return this.http.request(`${REST}/process-definition/${encodeURIComponent(id)}`);
  }

  /** BPMN XML of a definition. */
  async definitionXml(id: string): Promise<string> {
    return (await this.http.request<{ bpmn20Xml: string }>(`${REST}/process-definition/${encodeURIComponent(id)}/xml`)).bpmn20Xml;
  }

  /** The start form of a definition. */
  startForm(definitionId: string): Promise<FormDefinitionDto> {
    return this.http.request(`${REST}/process-definition/${encodeURIComponent(definitionId)}/form-definition`);
  }

  /** Default values of the start form. */
  startFormVariables(definitionId: string): Promise<VariablesDto> {
    return this.http.request(`${REST}/process-definition/${encodeURIComponent(definitionId)}/form-variables`);
  }

  /** Starts an instance through its start form (validated like task forms). */
  submitStartForm(definitionId: string, variables: VariablesDto, businessKey?: string): Promise<ProcessInstanceDto> {
    return this.http.request(`${REST}/process-definition/${encodeURIComponent(definitionId)}/submit-form`, {
      method: 'POST', body: { variables, ...(businessKey ? { businessKey } : {}) },
    });
  }

  /** Activity history of an instance, in order. */
  activityHistory(instanceId: string): Promise<HistoricActivityInstanceDto[]> {
    return this.http.request(`${REST}/history/activity-instance`, { query: { processInstanceId: instanceId, sortBy: 'occurrence', sortOrder: 'asc' } });
  }

  /** Saved filters visible to the user, with counts. */
  filters(): Promise<FilterDto[]> {
    return this.http.request(`${REST}/filter`, { query: { resourceType: 'Task', itemCount: true } });
  }

  /** Creates a filter owned by the user. */
  createFilter(f: FilterInputDto): Promise<FilterDto> {
    return this.http.request(`${REST}/filter/create`, { method: 'POST', body: { resourceType: 'Task', ...f } });
  }

  /** Updates a filter. */
  updateFilter(id: string, f: FilterInputDto): Promise<void> {
    return this.http.request(`${REST}/filter/${encodeURIComponent(id)}`, { method: 'PUT', body: { resourceType: 'Task', ...f } });
  }

  /** Deletes a filter. */
  deleteFilter(id: string): Promise<void> {
    return this.http.request(`${REST}/filter/${encodeURIComponent(id)}`, { method: 'DELETE' });
  }

  /** Groups a filter is shared with. */
  async filterShares(id: string): Promise<string[]> {
    return (await this.http.request<{ groupIds: string[] }>(`${REST}/filter/${encodeURIComponent(id)}/shares`)).groupIds;
  }

  /** Shares a filter with exactly these groups. */
  shareFilter(id: string, groupIds: string[]): Promise<void> {
    return this.http.request(`${REST}/filter/${encodeURIComponent(id)}/shares`, { method: 'PUT', body: { groupIds } });
  }
}
