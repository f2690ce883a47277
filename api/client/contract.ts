/**
 * Wire types of Baton's REST API (Camunda 7 DTO shapes plus Baton's additions), shared by
 * the server's DTO mappers, the tasklist and the modeler, so that a change in one is a
 * compile error in the others.
 */

/** A typed variable on the wire. */
export interface VariableValueDto {
  value: unknown;
  type: string;
  valueInfo?: Record<string, unknown>;
}

/** name → typed value. */
export type VariablesDto = Record<string, VariableValueDto>;

/** Camunda error body. */
export interface ErrorDto {
  type: string;
  message: string;
  code?: string;
  details?: unknown;
}

/** Camunda's TaskDto. */
export interface TaskDto {
  id: string;
  name: string | null;
  assignee: string | null;
  owner: string | null;
  created: string | null;
  lastUpdated: string | null;
  due: string | null;
  followUp: string | null;
  delegationState: string | null;
  description: string | null;
  executionId: string;
  parentTaskId: string | null;
  priority: number;
  processDefinitionId: string;
  processInstanceId: string;
  taskDefinitionKey: string;
  caseExecutionId: null;
  caseInstanceId: null;
  caseDefinitionId: null;
  suspended: boolean;
  formKey: string | null;
  camundaFormRef: { key: string; binding: string; version: string | null } | null;
  tenantId: string | null;
}

/** Camunda's ProcessDefinitionDto. */
export interface ProcessDefinitionDto {
  id: string;
  key: string;
  category: string | null;
  description: string | null;
  name: string | null;
  version: number;
  resource: string;
  deploymentId: string;
  diagram: string | null;
  suspended: boolean;
  tenantId: string | null;
  versionTag: string | null;
  historyTimeToLive: number | null;
  startableInTasklist: boolean;
}

/** Camunda's ProcessInstanceDto. */
export interface ProcessInstanceDto {
  links: Array<{ method: string; href: string; rel: string }>;
  id: string;
  definitionId: string;
  businessKey: string | null;
  caseInstanceId: null;
  ended: boolean;
  suspended: boolean;
  tenantId: string | null;
}

/** Camunda's DeploymentDto (+ deployed definitions on create). */
export interface DeploymentDto {
  links: Array<{ method: string; href: string; rel: string }>;
  id: string;
  name: string | null;
  source: string | null;
  deploymentTime: string;
  tenantId: string | null;
  deployedProcessDefinitions?: Record<string, ProcessDefinitionDto> | null;
}

/** Camunda's HistoricProcessInstanceDto (fields Baton fills). */
export interface HistoricProcessInstanceDto {
  id: string;
  businessKey: string | null;
  processDefinitionId: string;
  processDefinitionKey: string;
  processDefinitionName: string | null;
  processDefinitionVersion: number;
  startTime: string;
  endTime: string | null;
  durationInMillis: number | null;
  startActivityId: string | null;
  deleteReason: string | null;
  state: string;
}

/** Camunda's HistoricActivityInstanceDto (fields Baton fills). */
export interface HistoricActivityInstanceDto {
  id: string;
  parentActivityInstanceId: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processDefinitionId: string;
  processInstanceId: string;
  taskId: string | null;
  startTime: string;
  endTime: string | null;
  durationInMillis: number | null;
  canceled: boolean;
}

/** Camunda's IncidentDto (fields Baton fills). */
export interface IncidentDto {
  id: string;
  processDefinitionId: string;
  processInstanceId: string;
  executionId: string;
  incidentTimestamp: string;
  incidentType: string;
  activityId: string;
  incidentMessage: string;
  configuration: string | null;
}

/** Baton addition: the signed-in user (`GET /baton/api/me`, `POST /baton/api/login`). */
export interface SessionDto {
  userId: string;
  firstName: string | null;
  lastName: string | null;
  groups: string[];
  admin: boolean;
  /** Send as `X-XSRF-TOKEN` on POST/PUT/DELETE requests authenticated by the session cookie. */
  csrfToken: string;
}
