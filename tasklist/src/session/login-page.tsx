/**
 * Sign-in with the API's session login (user name and password).
 */
import { useState, type FormEvent } from 'react';
import type { SessionDto } from '@baton/api/client';
import { useApi } from '../api-context';
import { errorText } from '../ui/notice';

/** The login form. */
export function LoginPage({ onSignedIn }: { onSignedIn: (s: SessionDto) => void }) {
  const api = useApi();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await api.login(username, password));
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main className="login">
      <form className="card login-card" onSubmit={submit} aria-labelledby="login-title">
        <h1 id="login-title">Baton Tasklist</h1>
        <p className="muted">Sign in to see your tasks.</p>
        <label htmlFor="login-user">User name</label>
        <input id="login-user" name="username" autoComplete="username" value={username} onChange={(e) => setUsername(e.target.value)} required autoFocus />
        <label htmlFor="login-password">Password</label>
        <input id="login-password" name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} required />
        {error && <p className="field-error" role="alert">{error}</p>}
        <button type="submit" className="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
    </main>
  );
}
