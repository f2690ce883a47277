/**
 * Live updates by polling the task change version with ETags: a 304 costs the server one
 * sequence read, and the version moves whenever any task changes on any node. Why polling and
 * not SSE: it needs no sticky sessions or per-node fan-out behind a load balancer.
 */
import { useEffect, useState } from 'react';

/** Default poll interval in ms (tests and the page's visibility shorten or pause it). */
export const POLL_MS = 2000;

async function poll(etag: string | null): Promise<{ etag: string | null; version: string | null }> {
  // A raw fetch: the shared client has no conditional requests, and a 304 is not an error.
  const res = await fetch('/engine-rest/tasklist/version', {
    headers: { Accept: 'application/json', 'X-Requested-With': 'XMLHttpRequest', ...(etag ? { 'If-None-Match': etag } : {}) },
    credentials: 'same-origin',
    cache: 'no-cache',
  });
  if (res.status === 304) return { etag, version: null };
  if (!res.ok) return { etag, version: null };
  const body = (await res.json()) as { version: string };
  return { etag: res.headers.get('ETag'), version: body.version };
}

/** The current task change version; null until known. Pauses while the page is hidden. */
export function useLiveVersion(enabled: boolean, intervalMs = POLL_MS): string | null {
  const [version, setVersion] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let etag: string | null = null;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const tick = async () => {
      if (!document.hidden) {
        try {
          const r = await poll(etag);
          etag = r.etag;
          if (r.version !== null && !stopped) setVersion(r.version);
        } catch {
          // Offline or restarting server: try again on the next tick.
        }
      }
      if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
    const onVisible = () => {
      if (!document.hidden) {
        clearTimeout(timer);
        void tick();
      }
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [enabled, intervalMs]);
  return version;
}
