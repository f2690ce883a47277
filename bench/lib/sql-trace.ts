/**
 * Records every SQL round trip the engine makes (by wrapping pg's Client#query, which the
 * store's pool uses) and the wait for a pooled connection: per command, how many round trips
 * and which statements; under load, what each kind of statement costs.
 */
import pg from 'pg';
import type { Pool } from 'pg';
import { summarize, type LatencySummary } from './stats';
import type { BatchStatement } from '@baton/engine/postgres';
import { timedQuery, type QueryFn } from './query-hook';

/** One recorded round trip. */
interface Sample {
  readonly label: string;
  readonly key: string;
  readonly sql: string;
  readonly params: readonly unknown[];
  readonly batch?: readonly BatchStatement[];
  readonly ms: number;
}

/** Cost of one kind of statement under load. */
export interface StatementStat {
  readonly key: string;
  readonly count: number;
  /** Round trips of this kind per traced iteration. */
  readonly perIteration: number;
  readonly latency: LatencySummary;
  /** Share of all traced round-trip time, in %. */
  readonly sharePct: number;
}

/** A statement as sent, for EXPLAIN replays. */
export interface CapturedStatement {
  readonly label: string;
  readonly key: string;
  readonly sql: string;
  readonly params: readonly unknown[];
  /** The statements of a batch with their own parameters. */
  readonly batch?: readonly BatchStatement[];
}


/** Collapses a statement to a short, parameter-free key; a flush (many statements, COMMIT) lists its statement heads. */
export function statementKey(sql: string): string {
  const parts = sql.split(/;\n/).map((s) => s.replace(/\s+/g, ' ').trim()).filter(Boolean);
  if (parts.length > 1 || /COMMIT;?$/.test(parts[0] ?? '')) {
    const heads = parts.map((p) => /^(INSERT INTO \w+|UPDATE \w+|DELETE FROM \w+|COMMIT)/i.exec(p)?.[1] ?? p.slice(0, 30));
    return `flush: ${heads.join(' + ')}`;
  }
  return (parts[0] ?? '').replace(/'(?:[^']|'')*'/g, "'…'").slice(0, 110);
}

/** Wraps pg while installed; labels group round trips by command. */
export class SqlTracer {
  private original: QueryFn | null = null;
  private samples: Sample[] = [];
  private poolWaits: number[] = [];
  private restorePool: (() => void) | null = null;
  /** Label for round trips from now on (e.g. the command being run). */
  label = '';

  /** Starts recording round trips (and connection waits of `pool`). */
  install(pool?: Pool): void {
    if (this.original) return;
    const proto = pg.Client.prototype as unknown as { query: QueryFn };
    const original = (this.original = proto.query);
    const record = (sql: string, params: unknown[], t0: number, batch?: readonly BatchStatement[]) => {
      this.samples.push({ label: this.label, key: statementKey(sql), sql, params, batch, ms: performance.now() - t0 });
    };
    proto.query = timedQuery(original, record);
    if (pool) this.wrapPool(pool);
  }

  private wrapPool(pool: Pool): void {
    const connect = pool.connect;
    const waits = this.poolWaits;
    (pool as unknown as { connect: (...a: unknown[]) => unknown }).connect = function (this: Pool, ...args: unknown[]) {
      if (args.length > 0) return (connect as (...a: unknown[]) => unknown).apply(this, args);
      const t0 = performance.now();
      const p = (connect as () => Promise<unknown>).apply(this);
      p.then(() => waits.push(performance.now() - t0), () => undefined);
      return p;
    };
    this.restorePool = () => {
      (pool as unknown as { connect: unknown }).connect = connect;
    };
  }

  /** Stops recording. */
  uninstall(): void {
    if (this.original) (pg.Client.prototype as unknown as { query: QueryFn }).query = this.original;
    this.original = null;
    this.restorePool?.();
    this.restorePool = null;
  }

  /** Forgets what was recorded. */
  reset(): void {
    this.samples = [];
    this.poolWaits = [];
  }

  /** Round trips per label, in order: what one command sends. */
  byLabel(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const s of this.samples) (out[s.label] ??= []).push(s.key);
    return out;
  }

  /** The statements as sent (first occurrence of each key), for EXPLAIN. */
  captured(): CapturedStatement[] {
    const seen = new Map<string, CapturedStatement>();
    for (const s of this.samples) if (!seen.has(s.key)) seen.set(s.key, { label: s.label, key: s.key, sql: s.sql, params: s.params, batch: s.batch });
    return [...seen.values()];
  }

  /** Cost per statement kind, most expensive first; `iterations` normalizes counts. */
  stats(iterations: number): { statements: StatementStat[]; poolWait: LatencySummary } {
    const groups = new Map<string, number[]>();
    let total = 0;
    for (const s of this.samples) {
      let list = groups.get(s.key);
      if (!list) groups.set(s.key, (list = []));
      list.push(s.ms);
      total += s.ms;
    }
    const statements = [...groups].map(([key, ms]) => ({
      key, count: ms.length, perIteration: Math.round((ms.length / Math.max(1, iterations)) * 100) / 100,
      latency: summarize(ms), sharePct: Math.round((ms.reduce((a, b) => a + b, 0) / Math.max(total, 1e-9)) * 1000) / 10,
    }));
    statements.sort((a, b) => b.sharePct - a.sharePct);
    return { statements, poolWait: summarize(this.poolWaits) };
  }
}
