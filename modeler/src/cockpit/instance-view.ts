/**
 * One process instance: the diagram with its active activities highlighted and its path so
 * far, its variables, history path and incidents (with retry), and cancel. Refreshes live;
 * an instance that ended shows its history only.
 */
import { ApiError, type HistoricActivityInstanceDto, type HistoricProcessInstanceDto, type IncidentDto, type VariablesDto } from '../../../api/client';
import type { AppContext } from '../app/context';
import { h, replace } from '../app/dom';
import { formatCamundaDate, formatValue } from '../app/format';
import type { Screen } from '../app/screens';
import { formatDuration } from '../kpi/heatmap';
import { activeActivities } from './activity-tree';
import { DiagramViewer } from './diagram-viewer';
import { incidentList } from './incident-list';
import { REFRESH_MS, startPolling } from './live-poll';

/** Builds the screen for an instance id. */
export function instanceView(ctx: AppContext, id: string): Screen {
  const viewer = new DiagramViewer('Process diagram with the active activities of this instance highlighted');
  const heading = h('h1', { id: 'instance-heading' }, `Instance ${id.slice(0, 8)}`);
  const summary = h('p', { class: 'muted' });
  const cancel = h('button', { type: 'button', class: 'danger', 'data-testid': 'cancel-instance' }, 'Cancel instance');
  cancel.hidden = true; // until the instance is known to run (an unknown id must not offer it)
  const incidentsRoot = h('section', { 'aria-labelledby': 'incidents-heading' });
  const variablesRoot = h('section', { 'aria-labelledby': 'variables-heading' });
  const historyRoot = h('section', { 'aria-labelledby': 'history-heading' });
  const element = h('section', { class: 'page cockpit', 'aria-labelledby': 'instance-heading', 'data-testid': 'instance-view' },
    h('div', { class: 'page-head' }, heading, h('div', { class: 'actions' }, cancel)), summary,
    viewer.element, h('div', { class: 'columns' }, incidentsRoot, variablesRoot), historyRoot,
  );
  document.title = `Instance ${id.slice(0, 8)} · Baton Modeler`;
  let loadedDefinition: string | null = null;

  const refresh = async () => {
    const hist = await ctx.api.historicInstance(id);
    if (loadedDefinition !== hist.processDefinitionId) {
      await viewer.load(await ctx.api.definitionXml(hist.processDefinitionId));
      loadedDefinition = hist.processDefinitionId;
    }
    const running = hist.endTime === null;
    const [tree, variables, path, incidents] = await Promise.all([
      running ? ctx.api.activityInstances(id).catch(endedMeanwhile) : Promise.resolve(null),
      running ? ctx.api.variables(id).catch(endedMeanwhile) : Promise.resolve(null),
      ctx.api.historyPath(id),
      running ? ctx.api.incidents(id) : Promise.resolve([] as IncidentDto[]),
    ]);
    const active = tree ? activeActivities(tree) : { active: new Set<string>(), withIncident: new Set<string>() };
    viewer.setMarkers('baton-active', active.active);
    viewer.setMarkers('baton-incident', active.withIncident);
    viewer.setMarkers('baton-done', path.filter((a) => a.endTime !== null && !a.canceled).map((a) => a.activityId));
    renderSummary(hist);
    cancel.hidden = !running;
    replace(incidentsRoot, h('h2', { id: 'incidents-heading' }, 'Incidents'), incidentList(ctx, incidents, () => poller.now()));
    replace(variablesRoot, h('h2', { id: 'variables-heading' }, 'Variables'), variablesTable(variables));
    replace(historyRoot, h('h2', { id: 'history-heading' }, 'History path'), historyTable(path, (a) => viewer.nameOf(a)));
    element.dataset.refreshed = String(Date.now());
  };

  const renderSummary = (hist: HistoricProcessInstanceDto) => {
    replace(summary,
      h('a', { href: `#/definition/${encodeURIComponent(hist.processDefinitionId)}` }, `${hist.processDefinitionName ?? hist.processDefinitionKey} v${hist.processDefinitionVersion}`),
      hist.businessKey ? ` · business key ${hist.businessKey}` : '',
      ` · ${hist.state} · started ${formatCamundaDate(hist.startTime)}`,
      hist.endTime ? ` · ended ${formatCamundaDate(hist.endTime)}${hist.deleteReason ? ` (${hist.deleteReason})` : ''}` : '',
    );
  };

  cancel.addEventListener('click', () => {
    if (!confirm('Cancel this instance? Its open tasks are removed; history is kept.')) return;
    cancel.disabled = true;
    ctx.api.cancel(id)
      .then(() => ctx.notices.info('Instance canceled'))
      .catch((err: unknown) => ctx.notices.error(err))
      .finally(() => {
        cancel.disabled = false;
        void poller.now();
      });
  });

  const poller = startPolling(refresh, REFRESH_MS, (err) => ctx.notices.error(err));
  return { element, dispose: () => { poller.stop(); viewer.destroy(); } };
}

/** A 404 on the runtime means the instance ended between two reads: show history only. */
function endedMeanwhile(err: unknown): null {
  if (err instanceof ApiError && err.status === 404) return null;
  throw err;
}

function variablesTable(vars: VariablesDto | null): HTMLElement {
  const entries = Object.entries(vars ?? {});
  if (entries.length === 0) return h('p', { class: 'muted' }, vars ? 'No variables.' : 'The instance has ended.');
  return h('table', { 'data-testid': 'variables' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Value'))),
    h('tbody', {}, ...entries.map(([name, v]) => h('tr', {}, h('th', { scope: 'row' }, name), h('td', {}, v.type), h('td', {}, formatValue(v.value))))),
  );
}

function historyTable(path: readonly HistoricActivityInstanceDto[], nameOf: (id: string) => string): HTMLElement {
  return h('table', { 'data-testid': 'history' },
    h('thead', {}, h('tr', {}, ...['Activity', 'Type', 'Started', 'Ended', 'Duration'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', {}, ...path.map((a) => h('tr', { class: a.endTime ? '' : 'active-row' },
      h('th', { scope: 'row' }, a.activityName ?? nameOf(a.activityId)), h('td', {}, a.activityType),
      h('td', {}, formatCamundaDate(a.startTime)), h('td', {}, a.endTime ? formatCamundaDate(a.endTime) : a.canceled ? 'canceled' : 'active'),
      h('td', {}, formatDuration(a.durationInMillis)),
    ))),
  );
}
