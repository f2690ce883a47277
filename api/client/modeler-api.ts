/**
 * The modeler's operations on Baton's API, typed with the shared contract: session, deploy,
 * definitions, instances, statistics, history, incidents and KPIs. UI code calls these,
 * never fetch directly.
 */
import type {
  DeploymentDto, HistoricActivityInstanceDto, HistoricProcessInstanceDto, IncidentDto, ProcessDefinitionDto,
  ProcessInstanceDto, SessionDto, VariablesDto,
} from './contract';
import type { HttpClient } from './http-client';
import type { ActivityInstanceDto, ActivityStatisticsDto, DefinitionKpiDto, ProcessDefinitionStatisticsDto } from './modeler-contract';

export type * from './modeler-contract';

/** What to deploy: one BPMN file and the deployment's options. */
export interface DeployInput {
  readonly deploymentName: string;
  readonly fileName: string;
  readonly xml: string;
  /** Camunda's `deploy-changed-only`: no new version when nothing changed. */
  readonly changedOnly: boolean;
}

const enc = encodeURIComponent;

/** Typed access to the endpoints the modeler uses. */
export class ModelerApi {
  constructor(readonly http: HttpClient) {}

  /** Signs in with user name and password; remembers the CSRF token. */
  async login(username: string, password: string): Promise<SessionDto> {
    const s = await this.http.request<SessionDto>('/baton/api/login', { method: 'POST', body: { username, password } });
    this.http.setCsrfToken(s.csrfToken);
    return s;
  }

  /** The current session (throws ApiError 401 when signed out). */
  async me(): Promise<SessionDto> {
    const s = await this.http.request<SessionDto>('/baton/api/me');
    this.http.setCsrfToken(s.csrfToken);
    return s;
  }

  /** Signs out. */
  async logout(): Promise<void> {
    await this.http.request<void>('/baton/api/logout', { method: 'POST' });
    this.http.setCsrfToken(null);
  }

  /** Deploys one BPMN file (multipart, Camunda's /deployment/create). */
  deploy(input: DeployInput): Promise<DeploymentDto> {
    const form = new FormData();
    form.append('deployment-name', input.deploymentName);
    form.append('deployment-source', 'baton-modeler');
    if (input.changedOnly) form.append('deploy-changed-only', 'true');
    form.append(input.fileName, new Blob([input.xml], { type: 'application/xml' }), input.fileName);
    return this.http.request<DeploymentDto>('/engine-rest/deployment/create', { method: 'POST', rawBody: form });
  }

  /** All definitions with their running instance and incident counts (every version). */
  definitionStatistics(): Promise<ProcessDefinitionStatisticsDto[]> {
    return this.http.request('/engine-rest/process-definition/statistics', { query: { incidents: true, failedJobs: true } });
  }

  /** One definition version. */
  definition(id: string): Promise<ProcessDefinitionDto> {
    return this.http.request(`/engine-rest/process-definition/${enc(id)}`);
  }

  /** The BPMN XML of a definition version. */
  async definitionXml(id: string): Promise<string> {
    const r = await this.http.request<{ id: string; bpmn20Xml: string | null }>(`/engine-rest/process-definition/${enc(id)}/xml`);
    return r.bpmn20Xml ?? '';
  }

  /** Running activity instances and incidents per activity of a definition version. */
  activityStatistics(definitionId: string): Promise<ActivityStatisticsDto[]> {
    return this.http.request(`/engine-rest/process-definition/${enc(definitionId)}/statistics`, { query: { incidents: true, failedJobs: true } });
  }

  /** Starts an instance of a definition version. */
  start(definitionId: string, businessKey: string | null, variables: VariablesDto): Promise<ProcessInstanceDto> {
    return this.http.request(`/engine-rest/process-definition/${enc(definitionId)}/start`, { method: 'POST', body: { businessKey, variables } });
  }

  /** Instances of a definition version (running and ended), newest first. */
  historicInstances(definitionId: string, maxResults = 50): Promise<HistoricProcessInstanceDto[]> {
    return this.http.request('/engine-rest/history/process-instance', {
      query: { processDefinitionId: definitionId, sortBy: 'startTime', sortOrder: 'desc', maxResults },
    });
  }

  /** One instance's history entry (also for ended instances). */
  historicInstance(id: string): Promise<HistoricProcessInstanceDto> {
    return this.http.request(`/engine-rest/history/process-instance/${enc(id)}`);
  }

  /** Activity instance tree of a running instance. */
  activityInstances(instanceId: string): Promise<ActivityInstanceDto> {
    return this.http.request(`/engine-rest/process-instance/${enc(instanceId)}/activity-instances`);
  }

  /** Variables of a running instance. */
  variables(instanceId: string): Promise<VariablesDto> {
    return this.http.request(`/engine-rest/process-instance/${enc(instanceId)}/variables`);
  }

  /** The history path of an instance, in start order. */
  historyPath(instanceId: string): Promise<HistoricActivityInstanceDto[]> {
    return this.http.request('/engine-rest/history/activity-instance', { query: { processInstanceId: instanceId, sortBy: 'occurrence', sortOrder: 'asc' } });
  }

  /** Open incidents of an instance. */
  incidents(instanceId: string): Promise<IncidentDto[]> {
    return this.http.request('/engine-rest/incident', { query: { processInstanceId: instanceId } });
  }

  /** Retries what an incident stopped (Baton addition: failed job, external task or execution). */
  retryIncident(incidentId: string): Promise<void> {
    return this.http.request(`/engine-rest/incident/${enc(incidentId)}/retry`, { method: 'POST' });
  }

  /** Cancels (deletes) a running instance. */
  cancel(instanceId: string, reason = 'Canceled in the Baton modeler'): Promise<void> {
    return this.http.request(`/engine-rest/process-instance/${enc(instanceId)}`, { method: 'DELETE', query: { deleteReason: reason } });
  }

  /** History KPIs of a definition version (Baton addition). */
  kpis(definitionId: string): Promise<DefinitionKpiDto> {
    return this.http.request(`/baton/api/kpi/process-definition/${enc(definitionId)}`);
  }
}
