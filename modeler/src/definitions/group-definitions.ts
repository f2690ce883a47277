/** Groups definition statistics by process key, newest version first, for the processes list. */
import type { ProcessDefinitionStatisticsDto } from '../../../api/client';

/** All versions of one process. */
export interface ProcessGroup {
  readonly key: string;
  readonly name: string;
  readonly versions: readonly ProcessDefinitionStatisticsDto[];
  readonly runningInstances: number;
  readonly openIncidents: number;
}

/** Incidents of one statistics row. */
export function incidentTotal(s: Pick<ProcessDefinitionStatisticsDto, 'incidents'>): number {
  return s.incidents.reduce((sum, i) => sum + i.incidentCount, 0);
}

/** Groups by key, sorted by name; versions newest first. */
export function groupDefinitions(stats: readonly ProcessDefinitionStatisticsDto[]): ProcessGroup[] {
  const byKey = new Map<string, ProcessDefinitionStatisticsDto[]>();
  for (const s of stats) byKey.set(s.definition.key, [...(byKey.get(s.definition.key) ?? []), s]);
  return [...byKey].map(([key, versions]) => {
    const sorted = [...versions].sort((a, b) => b.definition.version - a.definition.version);
    return {
      key, name: sorted[0]?.definition.name || key, versions: sorted,
      runningInstances: sorted.reduce((n, s) => n + s.instances, 0), openIncidents: sorted.reduce((n, s) => n + incidentTotal(s), 0),
    };
  }).sort((a, b) => a.name.localeCompare(b.name));
}
