/**
 * User-facing messages: server errors with their message (Camunda's error body), successes,
 * in one live region that screen readers announce.
 */
import { ApiError } from '../../../api/client';
import { h, replace } from './dom';

/** The text to show for an error: the server's message when there is one. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return `${err.body.message || `HTTP ${err.status}`}${err.body.type ? ` (${err.body.type})` : ''}`;
  if (err instanceof Error) return err.message;
  return String(err);
}

/** Shows one message at a time in the notice region. */
export class Notices {
  readonly element = h('div', { class: 'notices', role: 'status', 'aria-live': 'polite' });
  private timer: ReturnType<typeof setTimeout> | null = null;

  /** A success or info message (disappears after a while). */
  info(text: string): void {
    this.show(text, 'info', 6000);
  }

  /** An error message (stays until closed or replaced). */
  error(err: unknown): void {
    this.show(errorMessage(err), 'error', 0);
  }

  /** Removes the current message. */
  clear(): void {
    replace(this.element);
  }

  private show(text: string, kind: 'info' | 'error', ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    const close = h('button', { type: 'button', class: 'notice-close', 'aria-label': 'Dismiss message', onclick: () => this.clear() }, '×');
    replace(this.element, h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : null }, h('span', {}, text), close));
    if (ms) this.timer = setTimeout(() => this.clear(), ms);
  }
}
