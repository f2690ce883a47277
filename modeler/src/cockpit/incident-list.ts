/**
 * Open incidents of an instance with "retry" (Baton's POST /incident/{id}/retry: a failed job
 * gets a retry, a failed external task is unlocked with one retry, a failed execution
 * re-enters its element). Fix the cause first, e.g. a variable.
 */
import type { IncidentDto } from '../../../api/client';
import type { AppContext } from '../app/context';
import { h } from '../app/dom';
import { formatCamundaDate } from '../app/format';

/** The list; `refresh` runs after a retry. */
export function incidentList(ctx: AppContext, incidents: readonly IncidentDto[], refresh: () => Promise<void>): HTMLElement {
  if (incidents.length === 0) return h('p', { class: 'muted' }, 'No open incidents.');
  return h('ul', { class: 'incidents', 'data-testid': 'incidents' }, ...incidents.map((i) => {
    const retry = h('button', { type: 'button', 'data-testid': 'retry-incident', onclick: () => {
      retry.disabled = true;
      ctx.api.retryIncident(i.id)
        .then(() => ctx.notices.info(`Retrying ${i.activityId}`))
        .catch((err: unknown) => ctx.notices.error(err))
        .finally(() => {
          retry.disabled = false;
          void refresh();
        });
    } }, 'Retry');
    return h('li', { class: 'incident' },
      h('strong', {}, i.activityId), ` (${i.incidentType}, ${formatCamundaDate(i.incidentTimestamp)}): ${i.incidentMessage} `, retry);
  }));
}
