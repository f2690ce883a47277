/**
 * The results document (bench/results/<date>.json): everything measured in one run, with the
 * machine, the database settings and the load average, so that runs can be compared.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CpuSplit } from './cpu';
import type { PlanCheck } from './explain';
import type { LoadResult, OpenLoopResult } from './load';
import type { MachineInfo } from './machine';
import type { PgbenchReport, PgbenchResult } from './pgbench';
import type { ProfileSummary } from './profile';
import type { StatementStat } from './sql-trace';
import type { LatencySummary } from './stats';

/** Folder of the results files. */
export const RESULTS_DIR = join(import.meta.dirname, '..', 'results');

/** Outcome of one section: measured, skipped (with why), or failed (with the error). */
export interface Section<T> {
  readonly status: 'ok' | 'skipped' | 'error';
  readonly reason?: string;
  readonly data?: T;
  /** 1-minute load average when the section finished. */
  readonly loadAverage?: number;
  readonly seconds?: number;
  /** RSS of the REST server (current and peak so far, MB) when the section finished. */
  readonly restServerRssMb?: { current: number; peak: number };
}

/** The bpmn-engine peer's numbers. */
export interface PeerReport {
  readonly version: string;
  readonly peakRssMb: number;
  readonly results: Record<string, LoadResult>;
}

/** Runs of a workload at several client counts. */
export interface ScalingReport {
  readonly runs: readonly LoadResult[];
}

/** REST workload 1 plus the latency at half the peak rate. */
export interface RestReport extends ScalingReport {
  readonly auth: 'basic' | 'none';
  readonly halfPeak?: OpenLoopResult;
  readonly serverPeakRssMb: number | null;
}

/** Instances pushed through the job executor or external-task workers. */
export interface ThroughputReport {
  readonly instances: number;
  readonly seconds: number;
  readonly instancesPerSecond: number;
  /** Jobs (async chain) or external tasks per second. */
  readonly unitsPerSecond: number;
  readonly unit: string;
  /** Start → end of single instances, one after another on an idle server. */
  readonly roundTrip?: LatencySummary;
}

/** One growth level. */
export interface GrowthLevel {
  readonly label: string;
  readonly historicInstances: number;
  readonly openTasks: number;
  readonly seedSeconds: number;
  readonly run: LoadResult;
  readonly taskList: Record<string, LatencySummary>;
}

/** The growth workload. */
export interface GrowthReport {
  readonly levels: readonly GrowthLevel[];
  /** The task-list queries that answer a count (judged by what they read, not by latency; lib/targets.ts). */
  readonly countQueries?: readonly string[];
  readonly explain: readonly PlanCheck[];
  /** Tables with a process_instance_id column but no index starting with it. */
  readonly tablesWithoutInstanceIndex: readonly string[];
  readonly note: string;
}

/** Where time and round trips go. */
export interface DiagnosticsReport {
  readonly engineProfile?: ProfileSummary;
  readonly restProfile?: ProfileSummary;
  /** Round trips (statement keys in order) of one command through the engine API. */
  readonly roundTripsPerCommand?: Record<string, string[]>;
  /** Statement cost under load (engine API, peak clients). */
  readonly engineStatements?: { readonly cycles: number; readonly statements: readonly StatementStat[]; readonly poolWait: LatencySummary };
  /** Round trips per REST cycle by statement, from the server's SQL capture. */
  readonly restStatements?: { readonly cycles: number; readonly perCycle: Record<string, { perCycle: number; meanMs: number }> };
}

/** One setting of the opt-in tuning workload. */
export interface TuningRun {
  readonly transport: 'tcp' | 'unix';
  readonly poolSize: number;
  readonly perSecond: number;
  readonly complete: LatencySummary | undefined;
  readonly cpuPerInstance: CpuSplit;
}

/** One call type of the opt-in rest-calls workload (perSecond null for a derived row). */
export interface RestCallRun {
  readonly round: number;
  readonly call: string;
  readonly clients: number;
  readonly perSecond: number | null;
  readonly cpuPerCall: CpuSplit;
}

/** One side of a compare round: throughput and CPU ms per cycle of its server and its database's backends. */
export interface CompareSide {
  readonly perSecond: number;
  readonly cpuPerCycle: Omit<CpuSplit, 'bench'>;
  /** Cycles that failed (they are left out of the counts). */
  readonly errors: number;
}

/** Ratios this checkout / the other revision (B / A): above 1 is faster for perSecond, costlier for CPU. */
export interface CompareRatios {
  readonly perSecond: number;
  readonly server: number;
  readonly postgres: number;
}

/** One round of the opt-in compare workload (both sides at once): A is the other revision, B this checkout. */
export interface CompareRound {
  readonly round: number;
  readonly a: CompareSide;
  readonly b: CompareSide;
  readonly ratio: CompareRatios;
}

/** The compare workload: this checkout against another revision's server. */
export interface CompareReport {
  /** The revision as given (--against) and the commit it named. */
  readonly against: string;
  readonly commit: string;
  /** Cycles per second offered to each side (open loop). */
  readonly ratePerSide: number;
  readonly rounds: readonly CompareRound[];
  readonly medianRatio: CompareRatios;
}

/** One target of the issue, checked. */
export interface TargetCheck {
  readonly target: string;
  readonly value: string;
  readonly pass: boolean | null;
}

/** The whole document. */
export interface BenchResults {
  readonly schema: 1;
  readonly date: string;
  readonly profile: 'full' | 'quick';
  /** Sections asked for with --only (null: the whole run). */
  readonly only: readonly string[] | null;
  durationSeconds: number;
  readonly machine: MachineInfo;
  readonly loadAverage: { start: readonly number[]; end?: readonly number[] };
  readonly git: { commit: string | null; dirtyFiles: number | null };
  database: { source: string; settings: Record<string, string>; poolSize: number; history: string };
  sections: {
    pgbench?: Section<PgbenchReport>;
    peer?: Section<PeerReport>;
    w1?: Section<ScalingReport>;
    w2?: Section<ScalingReport>;
    w3?: Section<ScalingReport>;
    'w1-rest'?: Section<RestReport>;
    w4?: Section<ThroughputReport>;
    w5?: Section<ThroughputReport>;
    growth?: Section<GrowthReport>;
    profile?: Section<DiagnosticsReport>;
    tuning?: Section<{ runs: readonly TuningRun[] }>;
    'rest-calls'?: Section<{ runs: readonly RestCallRun[] }>;
    compare?: Section<CompareReport>;
  };
  /** pgbench TPC-B-like once more after every section, when the pgbench section ran: the machine's drift during the run. */
  pgbenchAtEnd?: PgbenchResult;
  /** Peaks in MB; the engine-API (bench) process is measured before the profile section, whose CPU profiler it hosts. */
  rss: { engineProcessPeakMb: number; restServerPeakMb: number | null; peerPeakMb: number | null };
  targets: TargetCheck[];
}

/** File-name stamp of a date: 2025-01-31T12-00-00Z. */
export function stamp(date: Date): string {
  return date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
}

/** Writes the document; quick and partial (--only) runs are prefixed `quick-` / `partial-` (ignored by git). */
export function writeResults(results: BenchResults, dir = RESULTS_DIR): string {
  mkdirSync(dir, { recursive: true });
  const prefix = results.profile === 'quick' ? 'quick-' : results.only ? 'partial-' : '';
  const file = join(dir, `${prefix}${stamp(new Date(results.date))}.json`);
  writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  return file;
}

/** Reads a results file; 'latest' picks the newest full run in the results folder. */
export function readResults(file: string, dir = RESULTS_DIR): { file: string; results: BenchResults } {
  let path = file;
  if (file === 'latest') {
    const full = readdirSync(dir).filter((f) => /^\d{4}-.*\.json$/.test(f)).sort();
    if (full.length === 0) throw new Error(`no full-run results in ${dir}: run \`npm run bench\` first`);
    path = join(dir, full[full.length - 1]!);
  }
  return { file: path, results: JSON.parse(readFileSync(path, 'utf8')) as BenchResults };
}
