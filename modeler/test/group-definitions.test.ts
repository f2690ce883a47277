import { describe, expect, it } from 'vitest';
import type { ProcessDefinitionStatisticsDto } from '../../api/client';
import { groupDefinitions } from '../src/definitions/group-definitions';

const stat = (key: string, version: number, instances: number, incidents = 0, name: string | null = null): ProcessDefinitionStatisticsDto => ({
  id: `${key}:${version}`, instances, failedJobs: 0, incidents: incidents ? [{ incidentType: 'failedJob', incidentCount: incidents }] : [],
  definition: { id: `${key}:${version}`, key, version, name, category: null, description: null, resource: `${key}.bpmn`, deploymentId: 'd', diagram: null, suspended: false, tenantId: null, versionTag: null, historyTimeToLive: null, startableInTasklist: true },
});

describe('groupDefinitions', () => {
  it('groups versions by key, newest first, with totals, sorted by name', () => {
    const groups = groupDefinitions([stat('b', 1, 2), stat('b', 2, 1, 3, 'Billing'), stat('a', 1, 0, 0, 'Approval')]);
    expect(groups.map((g) => g.name)).toEqual(['Approval', 'Billing']);
    expect(groups[1]!.versions.map((v) => v.definition.version)).toEqual([2, 1]);
    expect(groups[1]).toMatchObject({ key: 'b', runningInstances: 3, openIncidents: 3 });
  });

  it('is empty for an empty engine', () => {
    expect(groupDefinitions([])).toEqual([]);
  });
});
