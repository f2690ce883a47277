/**
 * Full-page states: forbidden (403), not found (404) — shown instead of a crash when a URL
 * points at something the user may not or can no longer see.
 */
import { Link } from './link';

/** A status page with a way back to the task list. */
export function StatusPage({ status, title, message }: { status: number; title: string; message: string }) {
  return (
    <section className="status-page" aria-labelledby="status-title" data-status={status}>
      <p className="status-code">{status}</p>
      <h1 id="status-title">{title}</h1>
      <p>{message}</p>
      <Link to="/">Back to your tasks</Link>
    </section>
  );
}
