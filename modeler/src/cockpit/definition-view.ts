/**
 * The cockpit of one definition version: the diagram with running tokens and incidents per
 * activity, or the KPI heat map; the KPI summary; recent instances; start form. Refreshes live.
 */
import type { ActivityStatisticsDto, DefinitionKpiDto, HistoricProcessInstanceDto, ProcessDefinitionDto } from '../../../api/client';
import type { AppContext } from '../app/context';
import { download, h, replace } from '../app/dom';
import { formatCamundaDate } from '../app/format';
import type { Screen } from '../app/screens';
import { kpiPanel } from '../kpi/kpi-panel';
import { startForm } from '../start/start-form';
import { DiagramViewer } from './diagram-viewer';
import { REFRESH_MS, startPolling } from './live-poll';
import { heatOverlays, tokenOverlays, type HeatMetric } from './statistics-overlays';


/** Builds the screen for a definition id. */
export function definitionView(ctx: AppContext, id: string): Screen {
  const viewer = new DiagramViewer('Process diagram with running tokens per activity');
  const heading = h('h1', {}, 'Process');
  const mode = h('select', { id: 'overlay-mode', 'data-testid': 'overlay-mode' },
    h('option', { value: 'tokens' }, 'Running tokens and incidents'),
    h('option', { value: 'p90Ms' }, 'Heat map: p90 duration'),
    h('option', { value: 'medianMs' }, 'Heat map: median duration'),
    h('option', { value: 'incidentRate' }, 'Heat map: incident rate'),
  );
  const kpiRoot = h('div');
  const instancesRoot = h('div');
  const actions = h('div', { class: 'actions' });
  const element = h('section', { class: 'page cockpit', 'aria-labelledby': 'def-heading' },
    h('div', { class: 'page-head' }, heading, actions),
    h('div', { class: 'overlay-choice' }, h('label', { for: 'overlay-mode' }, 'Show on the diagram: '), mode, h('span', { class: 'live muted', 'aria-hidden': 'true' }, ' ● live')),
    viewer.element, kpiRoot, instancesRoot,
  );
  heading.id = 'def-heading';
  let stats: ActivityStatisticsDto[] = [];
  let kpis: DefinitionKpiDto | null = null;
  let loaded = false;

  const draw = () => {
    const m = mode.value;
    if (m === 'tokens') {
      viewer.setOverlays('heat', []);
      viewer.setOverlays('tokens', tokenOverlays(stats));
    } else if (kpis) {
      viewer.setOverlays('tokens', []);
      viewer.setOverlays('heat', heatOverlays(kpis.activities, m as HeatMetric, (a) => viewer.size(a)));
    }
  };
  mode.addEventListener('change', draw);

  const refresh = async () => {
    if (!loaded) {
      const [def, xml] = await Promise.all([ctx.api.definition(id), ctx.api.definitionXml(id)]);
      await viewer.load(xml);
      renderHead(def);
      loaded = true;
    }
    const [s, k, instances] = await Promise.all([ctx.api.activityStatistics(id), ctx.api.kpis(id), ctx.api.historicInstances(id, 20)]);
    stats = s;
    kpis = k;
    draw();
    replace(kpiRoot, kpiPanel(k, (a) => viewer.nameOf(a)));
    replace(instancesRoot, instancesTable(instances));
    element.dataset.refreshed = String(Date.now());
  };

  const renderHead = (def: ProcessDefinitionDto) => {
    document.title = `${def.name ?? def.key} v${def.version} · Baton Modeler`;
    replace(heading, `${def.name ?? def.key} `, h('span', { class: 'muted' }, `v${def.version}`));
    const starter = h('div', { class: 'starter' });
    replace(actions,
      h('a', { href: `#/editor?definition=${encodeURIComponent(id)}`, class: 'button' }, 'Edit'),
      h('button', { type: 'button', onclick: () => void ctx.api.definitionXml(id).then((x) => download(def.resource || `${def.key}.bpmn`, x, 'application/xml')) }, 'Download XML'),
      h('button', { type: 'button', onclick: () => void viewer.svg().then((svg) => download(`${def.key}-v${def.version}.svg`, svg, 'image/svg+xml')) }, 'Download SVG'),
      h('button', { type: 'button', onclick: () => (starter.firstChild ? replace(starter) : replace(starter, startForm(ctx, id))) }, 'Start instance…'),
      starter,
    );
  };

  const poller = startPolling(refresh, REFRESH_MS, (err) => ctx.notices.error(err));
  return { element, dispose: () => { poller.stop(); viewer.destroy(); } };
}

function instancesTable(instances: readonly HistoricProcessInstanceDto[]): HTMLElement {
  if (instances.length === 0) return h('p', { class: 'muted' }, 'No instances of this version yet. Use "Start instance…" above.');
  return h('table', { class: 'instances' },
    h('caption', {}, 'Recent instances'),
    h('thead', {}, h('tr', {}, ...['Instance', 'Business key', 'State', 'Started', 'Ended'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...instances.map((i) => h('tr', {},
      h('td', {}, h('a', { href: `#/instance/${encodeURIComponent(i.id)}` }, i.id.slice(0, 8))),
      h('td', {}, i.businessKey ?? ''), h('td', {}, i.state),
      h('td', {}, formatCamundaDate(i.startTime)), h('td', {}, formatCamundaDate(i.endTime)),
    ))),
  );
}
