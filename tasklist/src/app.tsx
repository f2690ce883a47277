/**
 * The tasklist shell: session (login), header, and the routes — the workspace (lists, a task)
 * and starting processes. Live updates drive refreshes through the change version.
 */
import { useEffect, useState } from 'react';
import type { SessionDto } from '@baton/api/client';
import { useApi } from './api-context';
import { useLiveVersion } from './live/use-live-version';
import { useRoute } from './router';
import { LoginPage } from './session/login-page';
import { StartPage } from './start/start-page';
import { Workspace } from './tasks/workspace';
import { Link } from './ui/link';
import { errorText, Notice } from './ui/notice';

/** The app. */
export function App({ pollMs }: { pollMs?: number }) {
  const api = useApi();
  const route = useRoute();
  const [session, setSession] = useState<SessionDto | null | undefined>(undefined);
  const [error, setError] = useState<string | null>(null);
  const version = useLiveVersion(Boolean(session), pollMs);

  useEffect(() => {
    api.me().then(setSession, (err: unknown) => setError(errorText(err)));
  }, [api]);

  if (error) return <Notice kind="error">Cannot reach the server: {error}</Notice>;
  if (session === undefined) return <p className="loading" role="status">Loading…</p>;
  if (session === null) return <LoginPage onSignedIn={setSession} />;

  const logout = async () => {
    await api.logout();
    setSession(null);
  };
  const name = [session.firstName, session.lastName].filter(Boolean).join(' ') || session.userId;
  const startMatch = /^\/start(?:\/([^/]+))?$/.exec(route.path);

  return (
    <div className="app">
      <a className="skip-link" href="#main">Skip to content</a>
      <header className="app-header">
        <Link to="/" className="brand">Baton Tasklist</Link>
        <nav aria-label="Main" className="header-nav">
          <Link to="/start">Start process</Link>
          <span className="user" title={`Groups: ${session.groups.join(', ') || 'none'}`}>{name}</span>
          <button type="button" className="link-button" onClick={() => void logout()}>Sign out</button>
        </nav>
      </header>
      <main id="main" className="app-main">
        {startMatch ? (
          <StartPage definitionId={startMatch[1] ? decodeURIComponent(startMatch[1]) : null} />
        ) : (
          <Workspace session={session} route={route} version={version} />
        )}
      </main>
    </div>
  );
}
