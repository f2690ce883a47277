/**
 * History of the task's process instance: the activities so far, in order, with times.
 */
import { useEffect, useState } from 'react';
import type { HistoricActivityInstanceDto } from '@baton/api/client';
import { useApi } from '../api-context';
import { formatDateTime } from '../ui/format';
import { errorText } from '../ui/notice';

const SHOWN = new Set(['startEvent', 'userTask', 'endEvent', 'task', 'manualTask', 'serviceTask', 'subProcess', 'noneEndEvent']);

/** The instance's activity history. */
export function InstanceHistory({ instanceId, version }: { instanceId: string; version: string | null }) {
  const api = useApi();
  const [items, setItems] = useState<HistoricActivityInstanceDto[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.activityHistory(instanceId).then(setItems, (err: unknown) => setError(errorText(err)));
  }, [api, instanceId, version]);
  if (error) return <p className="field-error">History unavailable: {error}</p>;
  if (!items) return <p className="muted">Loading history…</p>;
  const shown = items.filter((a) => SHOWN.has(a.activityType) || a.activityName);
  return (
    <ol className="history">
      {shown.map((a) => (
        <li key={a.id}>
          <span className="history-name">{a.activityName ?? a.activityId}</span>
          <span className="muted small">
            {formatDateTime(a.startTime)}
            {a.endTime ? ` – ${formatDateTime(a.endTime)}` : ' · active'}
            {a.canceled ? ' · canceled' : ''}
          </span>
        </li>
      ))}
    </ol>
  );
}
