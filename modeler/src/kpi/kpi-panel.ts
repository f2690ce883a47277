/**
 * The definition's KPI summary: instance counts, error/escalation path share, cycle time
 * percentiles and their distribution (an inline SVG bar chart with a text alternative).
 */
import type { ActivityKpiDto, DefinitionKpiDto } from '../../../api/client';
import { h } from '../app/dom';
import { formatDuration } from './heatmap';

const SVG = 'http://www.w3.org/2000/svg';

function svgEl(tag: string, attrs: Record<string, string | number>): SVGElement {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

/** The cycle time histogram as SVG bars. */
export function histogram(k: DefinitionKpiDto): SVGElement {
  const buckets = k.cycleTime.buckets;
  const max = Math.max(1, ...buckets.map((b) => b.count));
  const svg = svgEl('svg', { viewBox: `0 0 ${buckets.length * 24} 60`, class: 'histogram', role: 'img', 'aria-label': 'Cycle time distribution' });
  buckets.forEach((b, i) => {
    const height = Math.round((b.count / max) * 56);
    const bar = svgEl('rect', { x: i * 24 + 2, y: 58 - height, width: 20, height: Math.max(height, b.count ? 1 : 0), class: 'bar' });
    const title = svgEl('title', {});
    title.textContent = `${formatDuration(b.fromMs)}–${formatDuration(b.toMs)}: ${b.count}`;
    bar.appendChild(title);
    svg.appendChild(bar);
  });
  return svg;
}

/** The slowest activity by p90 (the bottleneck), if any completed. */
export function bottleneck(activities: readonly ActivityKpiDto[]): ActivityKpiDto | null {
  return activities.filter((a) => (a.p90Ms ?? 0) > 0).sort((a, b) => (b.p90Ms ?? 0) - (a.p90Ms ?? 0))[0] ?? null;
}

/** Builds the panel; `nameOf` labels activities. */
export function kpiPanel(k: DefinitionKpiDto, nameOf: (id: string) => string): HTMLElement {
  const slow = bottleneck(k.activities);
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  return h('section', { class: 'kpi-panel card', 'aria-labelledby': 'kpi-heading', 'data-testid': 'kpi-panel' },
    h('h2', { id: 'kpi-heading' }, 'Process KPIs (history of this version)'),
    h('dl', { class: 'kpis' },
      h('dt', {}, 'Started'), h('dd', {}, k.started),
      h('dt', {}, 'Running'), h('dd', {}, k.running),
      h('dt', {}, 'Completed'), h('dd', {}, k.completed),
      h('dt', {}, 'Ended on an error/escalation path'), h('dd', {}, `${k.errorPath} (${pct(k.errorPathShare)})`),
      h('dt', {}, 'Cycle time median / p90'), h('dd', {}, `${formatDuration(k.cycleTime.medianMs)} / ${formatDuration(k.cycleTime.p90Ms)}`),
      h('dt', {}, 'Bottleneck (slowest p90)'), h('dd', {}, slow ? `${nameOf(slow.activityId)} (${formatDuration(slow.p90Ms)})` : '–'),
    ),
    k.cycleTime.buckets.length
      ? h('figure', {}, histogram(k), h('figcaption', { class: 'muted small' },
        `Cycle times of ${k.completed} completed instance(s), ${formatDuration(k.cycleTime.minMs)} to ${formatDuration(k.cycleTime.maxMs)}`))
      : h('p', { class: 'muted' }, 'No completed instances yet: the cycle time distribution appears when instances finish.'),
  );
}
