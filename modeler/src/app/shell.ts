/** The page frame after sign-in: header with navigation and user, notices, the main region. */
import type { SessionDto } from '../../../api/client';
import { h } from './dom';
import type { Notices } from './notices';

/** The frame's parts the router fills. */
export interface Shell {
  readonly element: HTMLElement;
  readonly main: HTMLElement;
  /** Marks the active navigation link. */
  setActive(name: 'editor' | 'processes'): void;
}

/** Builds the frame. */
export function shell(session: SessionDto, notices: Notices, onLogout: () => void): Shell {
  const links = {
    editor: h('a', { href: '#/editor' }, 'Editor'),
    processes: h('a', { href: '#/processes' }, 'Processes'),
  };
  const main = h('main', { id: 'main', class: 'main', tabindex: -1 });
  const who = [session.firstName, session.lastName].filter(Boolean).join(' ') || session.userId;
  const element = h('div', { class: 'app' },
    h('a', { href: '#main', class: 'skip-link' }, 'Skip to content'),
    h('header', { class: 'app-header' },
      h('span', { class: 'brand' }, 'Baton Modeler'),
      h('nav', { 'aria-label': 'Main' }, links.editor, links.processes, h('a', { href: '/tasklist/' }, 'Tasklist')),
      h('span', { class: 'user' }, h('span', { 'data-testid': 'user' }, who), h('button', { type: 'button', onclick: onLogout }, 'Sign out')),
    ),
    notices.element,
    main,
  );
  return {
    element,
    main,
    setActive(name) {
      for (const [k, a] of Object.entries(links)) {
        if (k === name) a.setAttribute('aria-current', 'page');
        else a.removeAttribute('aria-current');
      }
    },
  };
}
