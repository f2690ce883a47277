/**
 * A tiny history-API router: routes are paths below the app's base (/tasklist/), list state
 * lives in the query string so that a URL reproduces the view (and survives reloads).
 */
import { useEffect, useState } from 'react';

const BASE = (import.meta.env?.BASE_URL ?? '/').replace(/\/$/, '');

/** The current route. */
export interface Route {
  readonly path: string;
  readonly query: URLSearchParams;
}

function current(): Route {
  const path = window.location.pathname.startsWith(BASE) ? window.location.pathname.slice(BASE.length) || '/' : window.location.pathname;
  return { path, query: new URLSearchParams(window.location.search) };
}

/** Navigates within the app (push, or replace for state-only changes). */
export function navigate(to: string, replace = false): void {
  const url = BASE + to;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

/** The current route, updated on navigation. */
export function useRoute(): Route {
  const [route, setRoute] = useState(current);
  useEffect(() => {
    const update = () => setRoute(current());
    window.addEventListener('popstate', update);
    return () => window.removeEventListener('popstate', update);
  }, []);
  return route;
}

/** An in-app link's href (for real anchors: middle-click and copy link keep working). */
export function href(to: string): string {
  return BASE + to;
}
