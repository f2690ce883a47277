/**
 * Entry point of the modeler: checks the session (sign-in form when there is none), then
 * shows the screen of the URL hash. The editor is created once and kept across screens.
 */
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import 'bpmn-js/dist/assets/bpmn-font/css/bpmn-embedded.css';
import '@bpmn-io/properties-panel/dist/assets/properties-panel.css';
import 'bpmn-js-bpmnlint/dist/assets/css/bpmn-js-bpmnlint.css';
import './styles.css';
import { ApiError, type SessionDto } from '../../api/client';
import { createApi, type AppContext } from './app/context';
import { Notices } from './app/notices';
import { parseRoute, routeHash, type Route } from './app/router';
import { shell } from './app/shell';
import { loginView } from './session/login-view';
import { showRoute } from './app/screens';

const root = document.getElementById('app')!;
const api = createApi();
const notices = new Notices();

function signedIn(session: SessionDto): void {
  const frame = shell(session, notices, () => void api.logout().finally(() => location.reload()));
  const ctx: AppContext = { api, notices, navigate: (r: Route) => (location.hash = routeHash(r)) };
  root.replaceChildren(frame.element);
  const render = () => void showRoute(ctx, frame, parseRoute(location.hash));
  window.addEventListener('hashchange', render);
  render();
}

api.me().then(signedIn).catch((err: unknown) => {
  if (!(err instanceof ApiError) || err.status !== 401) notices.error(err);
  root.replaceChildren(notices.element, loginView(api, signedIn));
});
