/**
 * Start an instance of a definition version: business key and typed variables; on success
 * the instance view opens.
 */
import type { AppContext } from '../app/context';
import { h, replace } from '../app/dom';
import { errorMessage } from '../app/notices';
import { toVariables, VARIABLE_TYPES, type VariableRow, type VariableTypeName } from './typed-variables';

let formCount = 0;

/** Builds the form for one definition id. */
export function startForm(ctx: AppContext, definitionId: string): HTMLElement {
  const n = ++formCount;
  const businessKey = h('input', { id: `bk-${n}`, name: 'businessKey', autocomplete: 'off', 'data-testid': 'business-key' });
  const rows = h('tbody');
  const error = h('div', { class: 'error', role: 'alert' });
  const addRow = () => {
    const i = rows.children.length;
    const type = h('select', { 'aria-label': `Type of variable ${i + 1}`, name: 'type' }, ...VARIABLE_TYPES.map((t) => h('option', { value: t }, t)));
    rows.appendChild(h('tr', {},
      h('td', {}, h('input', { 'aria-label': `Name of variable ${i + 1}`, name: 'name', autocomplete: 'off' })),
      h('td', {}, type),
      h('td', {}, h('input', { 'aria-label': `Value of variable ${i + 1}`, name: 'value', autocomplete: 'off' })),
    ));
  };
  addRow();
  const readRows = (): VariableRow[] =>
    [...rows.querySelectorAll('tr')].map((tr) => ({
      name: tr.querySelector<HTMLInputElement>('input[name=name]')!.value,
      type: tr.querySelector<HTMLSelectElement>('select')!.value as VariableTypeName,
      value: tr.querySelector<HTMLInputElement>('input[name=value]')!.value,
    }));
  const submit = h('button', { type: 'submit', class: 'primary', 'data-testid': 'start-submit' }, 'Start instance');
  const form = h('form', { class: 'start-form', 'aria-label': 'Start an instance' },
    h('label', { for: `bk-${n}` }, 'Business key (optional)'), businessKey,
    h('table', { class: 'variables-editor' }, h('caption', {}, 'Variables'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Name'), h('th', { scope: 'col' }, 'Type'), h('th', { scope: 'col' }, 'Value'))), rows),
    h('button', { type: 'button', onclick: addRow }, 'Add variable'), ' ', submit, error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    replace(error);
    const result = toVariables(readRows());
    if (!result.ok) return replace(error, ...result.errors.map((x) => h('p', {}, x.message)));
    submit.disabled = true;
    ctx.api.start(definitionId, businessKey.value.trim() || null, result.variables)
      .then((instance) => {
        ctx.notices.info(`Started instance ${instance.id}${instance.businessKey ? ` (${instance.businessKey})` : ''}`);
        ctx.navigate(instance.ended ? { name: 'definition', id: definitionId } : { name: 'instance', id: instance.id });
      })
      .catch((err: unknown) => replace(error, errorMessage(err)))
      .finally(() => (submit.disabled = false));
    return undefined;
  });
  return form;
}
