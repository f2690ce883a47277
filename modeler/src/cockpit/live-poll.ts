/**
 * Live refresh of the cockpit views: runs `refresh` now and then every `intervalMs`, never
 * two at a time, paused while the tab is hidden.
 * Why polling and not a push channel: the server has no event stream yet, and a 2 s poll
 * of two indexed aggregate queries is cheap; swapping in SSE later changes only this file.
 */

/** A running poller; `stop` ends it (call when the view goes away). */
export interface Poller {
  stop(): void;
  /** Runs a refresh now (after an action such as retry or cancel). */
  now(): Promise<void>;
}

/** Starts polling. Errors go to `onError`; polling continues. */
export function startPolling(refresh: () => Promise<void>, intervalMs: number, onError: (err: unknown) => void, doc: Document = document): Poller {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let running: Promise<void> | null = null;
  let stopped = false;

  const schedule = () => {
    if (!stopped) timer = setTimeout(() => void tick(), intervalMs);
  };
  const tick = async (): Promise<void> => {
    if (stopped) return;
    if (timer !== null) clearTimeout(timer);
    timer = null;
    if (doc.visibilityState !== 'hidden') {
      running ??= refresh().catch(onError).finally(() => (running = null));
      await running;
    }
    // Concurrent ticks (a manual refresh during a scheduled one) share one run and one timer.
    if (timer === null) schedule();
  };
  const onVisible = () => {
    if (doc.visibilityState === 'visible') void tick();
  };
  doc.addEventListener('visibilitychange', onVisible);
  void tick();
  return {
    stop() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      doc.removeEventListener('visibilitychange', onVisible);
    },
    now: tick,
  };
}

/** Refresh interval of the cockpit screens. */
export const REFRESH_MS = 2000;
