/**
 * The targets, checked against a run. Informational: nothing fails on a miss (the
 * numbers depend on the machine), but the table shows each verdict and the value behind it.
 */
import type { LoadResult } from './load';
import type { LatencySummary } from './stats';
import type { BenchResults, TargetCheck } from './results';

/** The run at the highest client count. */
export function peakRun(runs: readonly LoadResult[] | undefined): LoadResult | undefined {
  return runs && runs.length ? [...runs].sort((a, b) => b.clients - a.clients)[0] : undefined;
}

function check(target: string, value: number | undefined, pass: (v: number) => boolean, format: (v: number) => string): TargetCheck {
  if (value === undefined || Number.isNaN(value)) return { target, value: 'not measured', pass: null };
  return { target, value: format(value), pass: pass(value) };
}

const perSecond = (v: number) => `${Math.round(v)}/s`;

/** The largest p95 at the last level as a share of its allowance (2 × the first level's p95 + 5 ms). */
function worstTaskListRatio(first: Record<string, LatencySummary>, last: Record<string, LatencySummary>): number | undefined {
  const ratios = Object.entries(last).flatMap(([q, s]) => (first[q] ? [s.p95 / (2 * first[q]!.p95 + 5)] : []));
  return ratios.length ? Math.max(...ratios) : undefined;
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
  const rss = Math.max(r.rss.engineProcessPeakMb, r.rss.restServerPeakMb ?? 0);
  return [
    check('W1 engine API ≥ 1,000 PI/s at 32 clients', w1, (v) => v >= 1000, perSecond),
    check('W1 engine API ≥ 0.4 × pgbench TPC-B TPS', w1 !== undefined && tpcb ? w1 / tpcb : undefined, (v) => v >= 0.4, (v) => `${v.toFixed(2)} ×`),
    check('W1 REST ≥ 600 PI/s', rest || undefined, (v) => v >= 600, perSecond),
    check('W2 straight-through ≥ 2,000 PI/s', peakRun(s.w2?.data?.runs)?.perSecond, (v) => v >= 2000, perSecond),
    check('W3 parallel ≥ 300 PI/s', peakRun(s.w3?.data?.runs)?.perSecond, (v) => v >= 300, perSecond),
    check('W1 engine API ≥ 5 × bpmn-engine (in memory)', w1 !== undefined && peer ? w1 / peer : undefined, (v) => v >= 5, (v) => `${v.toFixed(1)} ×`),
    check('REST complete p99 < 50 ms at half the peak rate', half, (v) => v < 50, (v) => `${v} ms`),
    check('Peak RSS of a Baton process < 300 MB', rss || undefined, (v) => v < 300, (v) => `${v} MB`),
    check(
      'Growth: W1 throughput stays ≥ 80 % of the empty-history level',
      first && last && levels.length > 1 ? last.run.perSecond / first.run.perSecond : undefined, (v) => v >= 0.8, (v) => `${Math.round(v * 100)} %`,
    ),
    check(
      'Growth: task-list p95 stays ≤ 2 × the empty level + 5 ms',
      first && last && levels.length > 1 ? worstTaskListRatio(first.taskList, last.taskList) : undefined, (v) => v <= 1, (v) => `${Math.round(v * 100)} % of the allowance`,
    ),
    check(
      'Growth: EXPLAIN finds no sequential scan of a large table',
      explain.length ? explain.filter((p) => !p.indexesUsed).length : undefined, (v) => v === 0, (v) => `${v} of ${explain.length} statements`,
    ),
  ];
}
