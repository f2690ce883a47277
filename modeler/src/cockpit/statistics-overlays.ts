/**
 * Overlays of the definition cockpit: running tokens and open incidents per activity
 * (badges), or the KPI heat map (a colored layer over each activity plus its numbers).
 */
import type { ActivityKpiDto, ActivityStatisticsDto } from '../../../api/client';
import { h } from '../app/dom';
import { formatDuration, heatScale } from '../kpi/heatmap';

/** An overlay to place. */
export interface OverlaySpec {
  readonly id: string;
  readonly position: Record<string, number>;
  readonly html: HTMLElement;
}

/** Token and incident badges for the activity statistics. */
export function tokenOverlays(stats: readonly ActivityStatisticsDto[]): OverlaySpec[] {
  const out: OverlaySpec[] = [];
  for (const s of stats) {
    if (s.instances > 0) {
      out.push({ id: s.id, position: { bottom: 8, left: -8 }, html: h('span', {
        class: 'badge-token', 'data-testid': 'token-count', 'data-activity-id': s.id, title: `${s.instances} running`, 'aria-label': `${s.instances} running at ${s.id}`,
      }, s.instances) });
    }
    const incidents = s.incidents.reduce((n, i) => n + i.incidentCount, 0);
    if (incidents > 0) {
      out.push({ id: s.id, position: { bottom: 8, right: 8 }, html: h('span', {
        class: 'badge-incident', 'data-testid': 'incident-count', 'data-activity-id': s.id, title: `${incidents} open incident(s)`,
      }, incidents) });
    }
  }
  return out;
}

/** The KPI a heat map colors by. */
export type HeatMetric = 'p90Ms' | 'medianMs' | 'incidentRate';

/** Heat layers and KPI labels; `size` gives each activity's box. */
export function heatOverlays(kpis: readonly ActivityKpiDto[], metric: HeatMetric, size: (id: string) => { width: number; height: number }): OverlaySpec[] {
  const heat = heatScale(new Map(kpis.map((k) => [k.activityId, k.count > 0 ? k[metric] : null])));
  return kpis.flatMap((k) => {
    const box = size(k.activityId);
    const color = heat.get(k.activityId)?.color;
    if (!color || box.width === 0) return [];
    const layer = h('div', { class: 'heat-layer', 'data-testid': 'heat', 'data-activity-id': k.activityId, style: `width:${box.width}px;height:${box.height}px;background:${color}` });
    const label = h('div', { class: 'kpi-label', 'data-activity-id': k.activityId },
      `n=${k.count} · med ${formatDuration(k.medianMs)} · p90 ${formatDuration(k.p90Ms)}`,
      k.incidents ? ` · ${Math.round(k.incidentRate * 100)}% incidents` : '',
    );
    return [
      { id: k.activityId, position: { top: 0, left: 0 }, html: layer },
      { id: k.activityId, position: { top: box.height + 4, left: 0 }, html: label },
    ];
  });
}
