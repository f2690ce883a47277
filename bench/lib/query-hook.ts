/**
 * The one wrapper of pg's Client#query used by the bench's SQL tracing (in process) and SQL
 * capture (preloaded into the server): it reports each statement, its parameters and its
 * duration once the round trip finished, for callback and promise calls alike.
 */
import type pg from 'pg';
import type { BatchStatement } from '@baton/engine/postgres';

/** pg's Client#query signature, loosely typed. */
export type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;

/** Receives one finished round trip; a batch comes as its statements joined by ";\n", and in parts. */
export type QueryRecorder = (sql: string, params: unknown[], startedAt: number, batch?: readonly BatchStatement[]) => void;

/** Wraps `original`; `active` (checked per call) lets a caller switch recording off cheaply. */
export function timedQuery(original: QueryFn, record: QueryRecorder, active: () => boolean = () => true): QueryFn {
  return function (this: pg.Client, ...args: unknown[]) {
    if (!active()) return original.apply(this, args);
    const cfg = args[0] as string | { text?: string; values?: unknown[]; statements?: readonly BatchStatement[]; callback?: (...r: unknown[]) => void };
    if (typeof cfg === 'object' && Array.isArray(cfg.statements) && typeof cfg.callback === 'function') {
      // A statement batch (a Submittable): it completes through its callback.
      const batch = cfg.statements;
      const cb = cfg.callback;
      const t0 = performance.now();
      cfg.callback = (...r: unknown[]) => {
        record(batch.map((b) => b.sql).join(';\n'), [], t0, batch);
        cb(...r);
      };
      return original.apply(this, args);
    }
    const sql = typeof cfg === 'string' ? cfg : (cfg?.text ?? '');
    const params = ((Array.isArray(args[1]) ? args[1] : typeof cfg === 'object' ? cfg?.values : undefined) ?? []) as unknown[];
    const t0 = performance.now();
    const last = args.length - 1;
    if (typeof args[last] === 'function') {
      const cb = args[last] as (...r: unknown[]) => void;
      args[last] = (...r: unknown[]) => {
        record(sql, params, t0);
        cb(...r);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise) result.then(() => record(sql, params, t0), () => undefined);
    return result;
  };
}
