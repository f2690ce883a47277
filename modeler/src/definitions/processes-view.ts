/**
 * The processes screen: every deployed process with its versions, running instances and
 * open incidents; per version open the cockpit, edit, download, start. With an empty engine
 * it explains how to get started.
 */
import type { ProcessDefinitionStatisticsDto } from '../../../api/client';
import type { AppContext } from '../app/context';
import { download, h, replace } from '../app/dom';
import type { Screen } from '../app/screens';
import { startForm } from '../start/start-form';
import { groupDefinitions, incidentTotal, type ProcessGroup } from './group-definitions';

/** Builds the screen and loads its data. */
export function processesView(ctx: AppContext): Screen {
  const body = h('div', { class: 'processes', 'aria-busy': 'true' }, h('p', {}, 'Loading processes…'));
  const element = h('section', { class: 'page', 'aria-labelledby': 'processes-heading' }, h('h1', { id: 'processes-heading' }, 'Processes'), body);
  document.title = 'Processes · Baton Modeler';
  ctx.api.definitionStatistics()
    .then((stats) => {
      body.removeAttribute('aria-busy');
      const groups = groupDefinitions(stats);
      if (groups.length === 0) replace(body, firstRun());
      else replace(body, ...groups.map((g) => processCard(ctx, g)));
    })
    .catch((err: unknown) => {
      body.removeAttribute('aria-busy');
      replace(body, h('p', { class: 'error', role: 'alert' }, 'Could not load the processes.'));
      ctx.notices.error(err);
    });
  return { element };
}

function firstRun(): HTMLElement {
  return h('div', { class: 'card first-run', 'data-testid': 'first-run' },
    h('h2', {}, 'No processes deployed yet'),
    h('ol', {},
      h('li', {}, 'Open the ', h('a', { href: '#/editor' }, 'Editor'), ' and draw a process, or open a .bpmn file (button or drag-and-drop).'),
      h('li', {}, 'Fix the problems listed under the diagram: they are what Baton could not run.'),
      h('li', {}, 'Press Deploy. The process appears here; start an instance and watch it run.'),
    ),
  );
}

function processCard(ctx: AppContext, g: ProcessGroup): HTMLElement {
  return h('article', { class: 'card process', 'data-process-key': g.key, 'aria-labelledby': `p-${g.key}` },
    h('h2', { id: `p-${g.key}` }, g.name, ' ', h('span', { class: 'muted' }, `(${g.key})`)),
    h('p', {}, `${g.runningInstances} running instance${g.runningInstances === 1 ? '' : 's'}`, g.openIncidents ? h('span', { class: 'incident-count' }, ` · ${g.openIncidents} open incident${g.openIncidents === 1 ? '' : 's'}`) : null),
    h('table', { class: 'versions' },
      h('caption', { class: 'visually-hidden' }, `Versions of ${g.name}`),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Version'), h('th', { scope: 'col' }, 'Running'), h('th', { scope: 'col' }, 'Incidents'), h('th', { scope: 'col' }, 'Actions'))),
      h('tbody', {}, ...g.versions.map((v) => versionRow(ctx, v))),
    ),
  );
}

function versionRow(ctx: AppContext, v: ProcessDefinitionStatisticsDto): HTMLElement {
  const d = v.definition;
  const starter = h('div', { class: 'starter' });
  const toggleStart = () => (starter.firstChild ? replace(starter) : replace(starter, startForm(ctx, d.id)));
  const downloadXml = () => void ctx.api.definitionXml(d.id).then((xml) => download(d.resource || `${d.key}.bpmn`, xml, 'application/xml')).catch((e: unknown) => ctx.notices.error(e));
  return h('tr', { 'data-definition-id': d.id },
    h('th', { scope: 'row' }, `v${d.version}`, d.versionTag ? ` (${d.versionTag})` : ''),
    h('td', {}, v.instances),
    h('td', {}, incidentTotal(v)),
    h('td', { class: 'actions' },
      h('a', { href: `#/definition/${encodeURIComponent(d.id)}`, class: 'button' }, 'Instances & KPIs'),
      h('a', { href: `#/editor?definition=${encodeURIComponent(d.id)}`, class: 'button' }, 'Edit'),
      h('button', { type: 'button', onclick: downloadXml }, 'Download XML'),
      h('button', { type: 'button', onclick: toggleStart, 'data-testid': 'start-toggle' }, 'Start…'),
      starter,
    ),
  );
}
