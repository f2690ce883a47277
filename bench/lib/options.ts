/**
 * Command-line options and the two run profiles: the default run (< 10 minutes) and --quick
 * (a ~1-minute smoke run for CI that keeps the harness working; it asserts no speed).
 */

/** Durations and sizes of one run. */
export interface Profile {
  readonly name: 'full' | 'quick';
  readonly warmupMs: number;
  readonly measureMs: number;
  readonly clientCounts: readonly number[];
  /** Clients for the one-level workloads (2, 3) and the growth runs. */
  readonly peakClients: number;
  readonly pgbench: { readonly scale: number; readonly seconds: number; readonly clients: number };
  readonly peer: { readonly warmupMs: number; readonly measureMs: number; readonly withState: boolean };
  /** Completed instances in history at each growth level (the first is 0). */
  readonly growthHistory: readonly number[];
  readonly growthOpenTasks: number;
  readonly growthMeasureMs: number;
  /** Samples per task-list query at each growth level. */
  readonly taskListSamples: number;
  readonly profileMs: number;
  /** Instances for the async-chain and external-task workloads. */
  readonly jobInstances: number;
}

const FULL: Profile = {
  name: 'full', warmupMs: 2000, measureMs: 10_000, clientCounts: [1, 8, 32], peakClients: 32,
  pgbench: { scale: 8, seconds: 10, clients: 8 },
  peer: { warmupMs: 1000, measureMs: 5000, withState: true },
  growthHistory: [0, 100_000, 1_000_000], growthOpenTasks: 100_000, growthMeasureMs: 6000, taskListSamples: 100,
  profileMs: 8000, jobInstances: 2000,
};

const QUICK: Profile = {
  name: 'quick', warmupMs: 300, measureMs: 1200, clientCounts: [1, 8, 32], peakClients: 32,
  pgbench: { scale: 1, seconds: 2, clients: 8 },
  peer: { warmupMs: 300, measureMs: 1500, withState: false },
  growthHistory: [0, 5000], growthOpenTasks: 2000, growthMeasureMs: 1000, taskListSamples: 10,
  profileMs: 1000, jobInstances: 100,
};

/** Parsed command line. */
export interface BenchOptions {
  readonly profile: Profile;
  /** Workload ids to run (all but the opt-in ones when null). */
  readonly only: ReadonlySet<string> | null;
  readonly keepDb: boolean;
  readonly outDir: string | null;
  /** Print the README markdown for a results file and exit. */
  readonly markdownFrom: string | null;
  /** The git revision the compare workload runs against. */
  readonly against: string;
}

/** All workload ids, in run order. */
export const WORKLOAD_IDS = ['pgbench', 'peer', 'w1', 'w2', 'w3', 'w1-rest', 'w4', 'w5', 'growth', 'profile', 'tuning', 'rest-calls', 'compare'] as const;
/** Workloads that run only when named in --only or in a --quick run (extra evidence, not part of the targets). */
export const OPT_IN_IDS: ReadonlySet<string> = new Set(['tuning', 'rest-calls', 'compare']);

const USAGE = `npm run bench -- [--quick] [--only=w1,w1-rest,...] [--against=REV] [--keep-db] [--out=dir] [--markdown[=results.json]]
  workloads: ${WORKLOAD_IDS.join(', ')} (tuning, rest-calls and compare run only when named or with --quick: pool sizes × TCP/Unix socket; CPU per REST call type; this checkout's REST server side by side with REV's, default HEAD)
  env: BENCH_DATABASE_URL (else postgres://postgres@127.0.0.1:5432, else embedded PostgreSQL; 'embedded' forces it)`;

/** Parses argv (without node and script). */
export function parseOptions(argv: readonly string[]): BenchOptions {
  let quick = false;
  let only: Set<string> | null = null;
  let keepDb = false;
  let outDir: string | null = null;
  let markdownFrom: string | null = null;
  let against = 'HEAD';
  for (const arg of argv) {
    const [flag, value] = arg.split(/=(.*)/s) as [string, string | undefined];
    if (flag === '--quick') quick = true;
    else if (flag === '--keep-db') keepDb = true;
    else if (flag === '--out' && value) outDir = value;
    else if (flag === '--markdown') markdownFrom = value ?? 'latest';
    else if (flag === '--against' && value) against = value;
    else if (flag === '--only' && value) {
      only = new Set(value.split(',').map((s) => s.trim()));
      for (const id of only) if (!(WORKLOAD_IDS as readonly string[]).includes(id)) throw new Error(`unknown workload '${id}'\n${USAGE}`);
    } else throw new Error(`unknown option '${arg}'\n${USAGE}`);
  }
  return { profile: quick ? QUICK : FULL, only, keepDb, outDir, markdownFrom, against };
}
