/** The sign-in form (same users and session as the tasklist: POST /baton/api/login). */
import type { ModelerApi, SessionDto } from '../../../api/client';
import { h, replace } from '../app/dom';
import { errorMessage } from '../app/notices';

/** Renders the form; resolves `onSignedIn` with the session. */
export function loginView(api: ModelerApi, onSignedIn: (s: SessionDto) => void): HTMLElement {
  const user = h('input', { id: 'login-user', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h('form', { class: 'login card', 'aria-labelledby': 'login-heading' },
    h('h1', { id: 'login-heading' }, 'Baton Modeler'),
    h('p', { class: 'muted' }, 'Sign in with your Baton account (the same as for the tasklist).'),
    h('label', { for: 'login-user' }, 'User name'), user,
    h('label', { for: 'login-password' }, 'Password'), password,
    submit, error,
  );
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    submit.disabled = true;
    replace(error);
    api.login(user.value.trim(), password.value)
      .then(onSignedIn)
      .catch((err: unknown) => replace(error, errorMessage(err)))
      .finally(() => (submit.disabled = false));
  });
  return h('main', { class: 'login-page', id: 'main' }, form);
}
