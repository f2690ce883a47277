/**
 * Start a process: the startable definitions (latest versions the user may read), then the
 * chosen one's start form with an optional business key.
 */
import { useEffect, useState } from 'react';
import type { FormDefinitionDto, ProcessDefinitionDto, VariablesDto } from '@baton/api/client';
import { useApi } from '../api-context';
import { FormPanel } from '../forms/form-panel';
import { Link } from '../ui/link';
import { errorText, Notice } from '../ui/notice';

function StartForm({ definition, onStarted }: { definition: ProcessDefinitionDto; onStarted: (message: string) => void }) {
  const api = useApi();
  const [form, setForm] = useState<{ form: FormDefinitionDto; initial: VariablesDto } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [businessKey, setBusinessKey] = useState('');
  useEffect(() => {
    Promise.all([api.startForm(definition.id), api.startFormVariables(definition.id)]).then(
      ([f, initial]) => setForm({ form: f, initial }),
      (err: unknown) => setError(errorText(err)),
    );
  }, [api, definition.id]);
  if (error) return <Notice kind="error">{error}</Notice>;
  if (!form) return <p role="status">Loading form…</p>;
  const submit = async (variables: VariablesDto) => {
    const instance = await api.submitStartForm(definition.id, variables, businessKey.trim() || undefined);
    onStarted(`Started “${definition.name ?? definition.key}”${instance.businessKey ? ` (${instance.businessKey})` : ''}.`);
  };
  return (
    <section aria-labelledby="start-form-title" className="card">
      <h2 id="start-form-title">Start “{definition.name ?? definition.key}”</h2>
      <label htmlFor="business-key">Business key (optional)</label>
      <input id="business-key" value={businessKey} onChange={(e) => setBusinessKey(e.target.value)} maxLength={255} />
      <FormPanel form={form.form} initial={form.initial} submitLabel="Start process" onSubmit={submit} />
    </section>
  );
}

/** The start page; `definitionId` selects a definition. */
export function StartPage({ definitionId }: { definitionId: string | null }) {
  const api = useApi();
  const [definitions, setDefinitions] = useState<ProcessDefinitionDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [started, setStarted] = useState<string | null>(null);
  useEffect(() => {
    api.startableDefinitions().then((ds) => setDefinitions(ds.filter((d) => d.startableInTasklist && !d.suspended)), (err: unknown) => setError(errorText(err)));
  }, [api]);
  const chosen = definitions?.find((d) => d.id === definitionId) ?? null;

  return (
    <div className="start-page">
      <section aria-labelledby="start-title" className="start-list">
        <h1 id="start-title">Start a process</h1>
        {started && <Notice kind="success" onClose={() => setStarted(null)}>{started}</Notice>}
        {error && <Notice kind="error">{error}</Notice>}
        {!definitions && !error && <p role="status">Loading processes…</p>}
        {definitions?.length === 0 && <p>There is no process you may start.</p>}
        <ul className="definition-list">
          {definitions?.map((d) => (
            <li key={d.id}>
              <Link to={`/start/${encodeURIComponent(d.id)}`} aria-current={d.id === definitionId ? 'true' : undefined}>
                <span className="task-name">{d.name ?? d.key}</span>
                <span className="muted small">{d.key} · version {d.version}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      {chosen && <StartForm key={chosen.id} definition={chosen} onStarted={setStarted} />}
    </div>
  );
}
