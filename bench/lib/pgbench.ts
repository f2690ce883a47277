/**
 * The PostgreSQL references, measured on the same server in the same run: pgbench's TPC-B-like
 * transaction and a one-row INSERT per transaction, both with 8 clients. They bound what any
 * engine that commits every command synchronously can reach on this machine.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BenchDatabase } from './database';

const run = promisify(execFile);

/** One pgbench measurement. */
export interface PgbenchResult {
  readonly script: string;
  readonly clients: number;
  readonly seconds: number;
  readonly tps: number;
  readonly latencyAvgMs: number;
}

/** Both references, or why they are missing. */
export interface PgbenchReport {
  readonly available: boolean;
  readonly reason?: string;
  readonly binary?: string;
  readonly scale?: number;
  readonly tpcb?: PgbenchResult;
  readonly insert?: PgbenchResult;
}

/** Finds pgbench on PATH or in Debian's /usr/lib/postgresql/<v>/bin. */
export function findPgbench(): string | null {
  const dirs = (process.env.PATH ?? '').split(':').filter(Boolean);
  const pgRoot = '/usr/lib/postgresql';
  if (existsSync(pgRoot)) {
    for (const v of readdirSync(pgRoot).sort().reverse()) dirs.push(join(pgRoot, v, 'bin'));
  }
  for (const d of dirs) if (existsSync(join(d, 'pgbench'))) return join(d, 'pgbench');
  return null;
}

function parse(script: string, clients: number, seconds: number, out: string): PgbenchResult {
  const tps = /tps = ([\d.]+)/.exec(out);
  const lat = /latency average = ([\d.]+) ms/.exec(out);
  if (!tps) throw new Error(`pgbench printed no tps: ${out.slice(-500)}`);
  return { script, clients, seconds, tps: Math.round(Number(tps[1])), latencyAvgMs: lat ? Number(lat[1]) : Number.NaN };
}

const PGBENCH_TABLES = 'pgbench_accounts, pgbench_branches, pgbench_history, pgbench_tellers';

/** Runs the TPC-B-like and the one-row-insert references; never throws for a missing pgbench. */
export async function runPgbench(db: BenchDatabase, opts: { scale: number; seconds: number; clients: number }): Promise<PgbenchReport> {
  const bin = findPgbench();
  if (!bin) return { available: false, reason: 'pgbench not available' };
  const dir = mkdtempSync(join(tmpdir(), 'baton-pgbench-'));
  const common = commonArgs(opts);
  try {
    const tpcb = await tpcbRun(bin, db, opts);
    await db.withClient((c) => c.query(`CREATE TABLE bench_insert (id bigserial PRIMARY KEY, v integer NOT NULL, at timestamptz NOT NULL DEFAULT now())`));
    const script = join(dir, 'insert.sql');
    writeFileSync(script, '\\set v random(1, 1000000)\nINSERT INTO bench_insert (v) VALUES (:v);\n');
    const insert = await run(bin, [...common, '-f', script, db.url], { maxBuffer: 16 << 20 });
    return { available: true, binary: bin, scale: opts.scale, tpcb, insert: parse('one-row insert', opts.clients, opts.seconds, insert.stdout + insert.stderr) };
  } catch (err) {
    return { available: false, binary: bin, reason: `pgbench failed: ${(err as Error).message.slice(0, 300)}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await db.withClient((c) => c.query(`DROP TABLE IF EXISTS ${PGBENCH_TABLES}, bench_insert`)).catch(() => undefined);
  }
}

/**
 * TPC-B-like alone, again at the end of a run: this machine's speed drifts within minutes, and
 * the start and end values say how much it did during the run (null without pgbench).
 */
export async function runTpcbAgain(db: BenchDatabase, opts: { scale: number; seconds: number; clients: number }): Promise<PgbenchResult | null> {
  const bin = findPgbench();
  if (!bin) return null;
  try {
    return await tpcbRun(bin, db, opts);
  } finally {
    await db.withClient((c) => c.query(`DROP TABLE IF EXISTS ${PGBENCH_TABLES}`)).catch(() => undefined);
  }
}

function commonArgs(opts: { seconds: number; clients: number }): string[] {
  // -n: no vacuum before the run (the tables were just initialized); -M prepared: what a tuned client does.
  return ['-n', '-M', 'prepared', '-c', String(opts.clients), '-j', '2', '-T', String(opts.seconds)];
}

async function tpcbRun(bin: string, db: BenchDatabase, opts: { scale: number; seconds: number; clients: number }): Promise<PgbenchResult> {
  await run(bin, ['-i', '-q', '-s', String(opts.scale), db.url], { maxBuffer: 16 << 20 });
  const out = await run(bin, [...commonArgs(opts), db.url], { maxBuffer: 16 << 20 });
  return parse('tpcb-like', opts.clients, opts.seconds, out.stdout + out.stderr);
}
