/**
 * Wire types of the endpoints the modeler adds or relies on: Camunda 7 statistics and the
 * activity instance tree, and Baton's KPI additions. The server's mappers use the same types.
 */
import type { ProcessDefinitionDto } from './contract';

/** Camunda's IncidentStatisticsResultDto. */
export interface IncidentStatisticsDto {
  incidentType: string;
  incidentCount: number;
}

/** Camunda's ActivityStatisticsResultDto (`GET /process-definition/{id}/statistics`). */
export interface ActivityStatisticsDto {
  id: string;
  instances: number;
  failedJobs: number;
  incidents: IncidentStatisticsDto[];
}

/** Camunda's ProcessDefinitionStatisticsResultDto (`GET /process-definition/statistics`). */
export interface ProcessDefinitionStatisticsDto {
  id: string;
  instances: number;
  failedJobs: number;
  incidents: IncidentStatisticsDto[];
  definition: ProcessDefinitionDto;
}

/** Camunda's incident reference inside an activity instance. */
export interface ActivityInstanceIncidentDto {
  id: string;
  activityId: string;
}

/** Camunda's TransitionInstanceDto (Baton never has transitions in flight between commands). */
export interface TransitionInstanceDto {
  id: string;
  parentActivityInstanceId: string;
  activityId: string;
  activityName: string | null;
  activityType: string;
  processInstanceId: string;
  processDefinitionId: string;
  executionId: string;
}

/** Camunda's ActivityInstanceDto (`GET /process-instance/{id}/activity-instances`). */
export interface ActivityInstanceDto {
  id: string;
  parentActivityInstanceId: string | null;
  activityId: string;
  activityType: string;
  activityName: string | null;
  name: string | null;
  processInstanceId: string;
  processDefinitionId: string;
  childActivityInstances: ActivityInstanceDto[];
  childTransitionInstances: TransitionInstanceDto[];
  executionIds: string[];
  incidentIds: string[];
  incidents: ActivityInstanceIncidentDto[];
}

/** Baton addition: history KPIs of one activity of one definition version. */
export interface ActivityKpiDto {
  activityId: string;
  activityType: string;
  /** Activity instances started (finished, canceled and still running). */
  count: number;
  /** Activity instances that finished without being canceled (the duration sample). */
  completed: number;
  medianMs: number | null;
  p90Ms: number | null;
  /** Incidents raised at the activity (open ones, plus resolved ones where history keeps them). */
  incidents: number;
  /** incidents / count, 0 when count is 0. */
  incidentRate: number;
}

/** Baton addition: one bar of the cycle time histogram (durations in [fromMs, toMs)). */
export interface CycleTimeBucketDto {
  fromMs: number;
  toMs: number;
  count: number;
}

/** Baton addition: history KPIs of one definition version. */
export interface DefinitionKpiDto {
  definitionId: string;
  started: number;
  running: number;
  completed: number;
  /** Instances that ended on an error/escalation path (error/escalation end or boundary event). */
  errorPath: number;
  /** errorPath / completed, 0 when none completed. */
  errorPathShare: number;
  cycleTime: { minMs: number | null; medianMs: number | null; p90Ms: number | null; maxMs: number | null; buckets: CycleTimeBucketDto[] };
  activities: ActivityKpiDto[];
}
