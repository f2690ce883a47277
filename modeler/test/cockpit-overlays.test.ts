import { describe, expect, it } from 'vitest';
import type { ActivityInstanceDto, ActivityKpiDto } from '../../api/client';
import { activeActivities } from '../src/cockpit/activity-tree';
import { heatOverlays, tokenOverlays } from '../src/cockpit/statistics-overlays';
import { bottleneck, kpiPanel } from '../src/kpi/kpi-panel';

const node = (id: string, activityId: string, children: ActivityInstanceDto[] = [], incidentIds: string[] = []): ActivityInstanceDto => ({
  id, activityId, parentActivityInstanceId: null, activityType: 'userTask', activityName: null, name: null, processInstanceId: 'p', processDefinitionId: 'd',
  childActivityInstances: children, childTransitionInstances: [], executionIds: [], incidentIds, incidents: [],
});

const kpi = (activityId: string, p90Ms: number | null, count = 3): ActivityKpiDto => ({
  activityId, activityType: 'userTask', count, completed: count, medianMs: p90Ms, p90Ms, incidents: 0, incidentRate: 0,
});

describe('cockpit overlays', () => {
  it('shows a token badge per active activity and an incident badge where there are incidents', () => {
    const overlays = tokenOverlays([
      { id: 'Task_a', instances: 3, failedJobs: 0, incidents: [] },
      { id: 'Task_b', instances: 1, failedJobs: 1, incidents: [{ incidentType: 'failedJob', incidentCount: 1 }] },
    ]);
    expect(overlays.map((o) => [o.id, o.html.dataset.testid, o.html.textContent])).toEqual([
      ['Task_a', 'token-count', '3'], ['Task_b', 'token-count', '1'], ['Task_b', 'incident-count', '1'],
    ]);
  });

  it('colors the slowest activity hottest and labels every activity with its KPIs', () => {
    const overlays = heatOverlays([kpi('fast', 1000), kpi('slow', 60_000), kpi('never', null, 0)], 'p90Ms', () => ({ width: 100, height: 80 }));
    const layers = overlays.filter((o) => o.html.dataset.testid === 'heat');
    expect(layers.map((o) => o.id)).toEqual(['fast', 'slow']);
    expect(layers[1]!.html.getAttribute('style')).toContain('hsl(0, 85%, 45%)');
    expect(overlays.find((o) => o.id === 'slow' && o.html.className === 'kpi-label')?.html.textContent).toBe('n=3 · med 1.0 min · p90 1.0 min');
    expect(bottleneck([kpi('fast', 1000), kpi('slow', 60_000)])?.activityId).toBe('slow');
  });

  it('finds active activities and incidents in nested scopes', () => {
    const tree = node('p', 'def', [node('s1', 'Sub', [node('t1', 'Task_in_sub', [], ['inc'])]), node('t2', 'Task_top')]);
    const { active, withIncident } = activeActivities(tree);
    expect([...active].sort()).toEqual(['Sub', 'Task_in_sub', 'Task_top']);
    expect([...withIncident]).toEqual(['Task_in_sub']);
  });

  it('renders the KPI panel with a histogram and a text summary', () => {
    const panel = kpiPanel({
      definitionId: 'd', started: 5, running: 1, completed: 4, errorPath: 1, errorPathShare: 0.25,
      cycleTime: { minMs: 1000, medianMs: 2000, p90Ms: 3000, maxMs: 4000, buckets: [{ fromMs: 1000, toMs: 2500, count: 3 }, { fromMs: 2500, toMs: 4000, count: 1 }] },
      activities: [kpi('Task_a', 5000)],
    }, (id) => `name of ${id}`);
    expect(panel.textContent).toContain('1 (25%)');
    expect(panel.textContent).toContain('name of Task_a (5.0 s)');
    expect(panel.querySelectorAll('rect.bar')).toHaveLength(2);
  });
});
