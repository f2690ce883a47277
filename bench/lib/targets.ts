/**
 * The targets, checked against a run. Informational: nothing fails on a miss (the
 * numbers depend on the machine), but the table shows each verdict and the value behind it.
 */
import type { LoadResult } from './load';
import type { LatencySummary } from './stats';
import { serverCounts, type PlanCheck } from './explain';
import type { BenchResults, TargetCheck } from './results';

/** The run at the highest client count. */
export function peakRun(runs: readonly LoadResult[] | undefined): LoadResult | undefined {
  return runs && runs.length ? [...runs].sort((a, b) => b.clients - a.clients)[0] : undefined;
}

function check(target: string, value: number | undefined, pass: (v: number) => boolean, format: (v: number) => string): TargetCheck {
  if (value === undefined || Number.isNaN(value)) return { target, value: 'not measured', pass: null };
  return { target, value: format(value), pass: pass(value) };
}

/**
 * A figure shown beside the targets without a verdict. Why for the counts' latency: a count's
 * work grows with its answer (the empty level counts ~1 task, the last one 5,000 spread over
 * every page of the table), so "flat" cannot hold for it; what can is that it reads only what
 * it counts (countsReadingOthers). Its latency stays in the table so that the choice can be judged.
 */
function informational(target: string, value: number | undefined, format: (v: number) => string): TargetCheck {
  return { ...check(target, value, () => true, format), pass: null };
}

const perSecond = (v: number) => `${Math.round(v)}/s`;

/** A ratio rounded down, so that one just below its floor never prints as the floor itself (0.398 as "0.39", not "0.40"). */
const floorTo = (v: number, digits: number) => (Math.floor(v * 10 ** digits) / 10 ** digits).toFixed(digits);

/** The largest p95 at the last level as a share of its allowance (2 × the first level's p95 + 5 ms), over the queries `which` picks. */
function worstTaskListRatio(first: Record<string, LatencySummary>, last: Record<string, LatencySummary>, which: (query: string) => boolean): number | undefined {
  const ratios = Object.entries(last).flatMap(([q, s]) => (which(q) && first[q] ? [s.p95 / (2 * first[q]!.p95 + 5)] : []));
  return ratios.length ? Math.max(...ratios) : undefined;
}

/**
 * Rows a count may read and discard beyond those it counts. Why a margin: a count with a
 * condition its index cannot answer (an unassigned group task: the group from the index, the
 * assignee from the row) reads the group's assigned tasks too; that grows with the group, not
 * with the table. A sequential scan or an index walk over all tasks reads ~100,000.
 */
const COUNT_READ_MARGIN = 1000;

/**
 * The task list's count statements (the REST server's, EXPLAIN ANALYZE at the last level) and
 * how many of them read `user_task` rows beyond those they count plus the margin.
 */
function countsReadingOthers(explain: readonly PlanCheck[]): { counts: number; readingOthers: number } | undefined {
  const counts = serverCounts(explain);
  if (!counts.length) return undefined;
  const readsOthers = (p: PlanCheck) =>
    !!p.error || !p.reads || p.reads.some((r) => r.table === 'user_task' && r.removed > r.returned + COUNT_READ_MARGIN);
  return { counts: counts.length, readingOthers: counts.filter(readsOthers).length };
}

/** Checks every target that the run measured. */
export function checkTargets(r: BenchResults): TargetCheck[] {
  const s = r.sections;
  const w1 = peakRun(s.w1?.data?.runs)?.perSecond;
  const rest = s['w1-rest']?.data?.runs.reduce((m, x) => Math.max(m, x.perSecond), 0);
  const tpcb = s.pgbench?.data?.tpcb?.tps;
  const peer = s.peer?.data?.results.userTaskCycle?.perSecond;
  const half = s['w1-rest']?.data?.halfPeak?.calls.complete?.p99;
  const levels = s.growth?.data?.levels ?? [];
  const first = levels[0];
  const last = levels.at(-1);
  const explain = s.growth?.data?.explain ?? [];
  // Results written before counts were told apart have no countQueries: every query is judged as a page.
  const countQueries = new Set(s.growth?.data?.countQueries ?? []);
  const isCount = (q: string) => countQueries.has(q);
  const grown = first && last && levels.length > 1;
  const countReads = countsReadingOthers(explain);
  const rss = Math.max(r.rss.engineProcessPeakMb, r.rss.restServerPeakMb ?? 0);
  return [
    check('W1 engine API ≥ 1,000 PI/s at 32 clients', w1, (v) => v >= 1000, perSecond),
    check('W1 engine API ≥ 0.4 × pgbench TPC-B TPS', w1 !== undefined && tpcb ? w1 / tpcb : undefined, (v) => v >= 0.4, (v) => `${floorTo(v, 2)} ×`),
    check('W1 REST ≥ 600 PI/s', rest || undefined, (v) => v >= 600, perSecond),
    check('W2 straight-through ≥ 2,000 PI/s', peakRun(s.w2?.data?.runs)?.perSecond, (v) => v >= 2000, perSecond),
    check('W3 parallel ≥ 300 PI/s', peakRun(s.w3?.data?.runs)?.perSecond, (v) => v >= 300, perSecond),
    check('W1 engine API ≥ 5 × bpmn-engine (in memory)', w1 !== undefined && peer ? w1 / peer : undefined, (v) => v >= 5, (v) => `${floorTo(v, 1)} ×`),
    check('REST complete p99 < 50 ms at half the peak rate', half, (v) => v < 50, (v) => `${v} ms`),
    check('Peak RSS of a Baton process < 300 MB', rss || undefined, (v) => v < 300, (v) => `${v} MB`),
    check(
      'Growth: W1 throughput stays ≥ 80 % of the empty-history level',
      grown ? last.run.perSecond / first.run.perSecond : undefined, (v) => v >= 0.8, (v) => `${Math.round(v * 100)} %`,
    ),
    check(
      'Growth: task-list pages p95 stay ≤ 2 × the empty level + 5 ms',
      grown ? worstTaskListRatio(first.taskList, last.taskList, (q) => !isCount(q)) : undefined, (v) => v <= 1, (v) => `${Math.round(v * 100)} % of the allowance`,
    ),
    check(
      `Growth: counts read no more tasks than they count (+ ${COUNT_READ_MARGIN.toLocaleString('en-US')}; EXPLAIN ANALYZE)`,
      countQueries.size && countReads ? countReads.readingOthers : undefined, (v) => v === 0, (v) => `${v} of ${countReads!.counts} counts read others`,
    ),
    informational(
      'Growth: counts p95 ≤ 2 × the empty level + 5 ms (no verdict: their answers grow with the tasks)',
      grown && countQueries.size ? worstTaskListRatio(first.taskList, last.taskList, isCount) : undefined, (v) => `${Math.round(v * 100)} % of the allowance`,
    ),
    check(
      'Growth: EXPLAIN finds no sequential scan of a large table',
      explain.length ? explain.filter((p) => !p.indexesUsed).length : undefined, (v) => v === 0, (v) => `${v} of ${explain.length} statements`,
    ),
  ];
}
