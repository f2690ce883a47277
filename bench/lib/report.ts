/**
 * Renders a results document as terminal tables and as Markdown for the README, from the same
 * rows.
 */
import type { LatencySummary } from './stats';
import type { BenchResults, CompareRatios, CompareSide, Section } from './results';
import type { LoadResult } from './load';
import { serverCounts, type PlanCheck } from './explain';

type Table = { title: string; headers: string[]; rows: string[][]; notes?: string[] };

const lat = (s: LatencySummary | undefined) => (s && s.count ? `${s.p50} / ${s.p95} / ${s.p99}` : '–');
const num = (n: number | undefined) => (n === undefined || Number.isNaN(n) ? '–' : Math.round(n).toLocaleString('en-US'));

/** A row saying why a section has no numbers (the reason goes into the last column). */
function statusRow(name: string, via: string, section: Section<unknown> | undefined, width: number): string[] | null {
  if (!section || section.status === 'ok') return null;
  return [name, via, ...Array<string>(width - 3).fill('–'), `${section.status}: ${section.reason ?? ''}`.slice(0, 200)];
}

function cpu(r: LoadResult): string {
  const c = r.cpuPerIteration;
  if (!c) return '';
  return [c.bench, c.server, c.postgres].map((x) => (x ? x.toFixed(2) : '–')).join(' · ');
}

function loadRows(name: string, via: string, runs: readonly LoadResult[] | undefined): string[][] {
  return (runs ?? []).map((r) => [
    name, via, String(r.clients), num(r.perSecond), lat(r.calls.start), lat(r.calls.query), lat(r.calls.complete), cpu(r),
    r.errors ? `${r.errors} errors: ${r.firstError ?? ''}`.slice(0, 80) : '',
  ]);
}

function workloadTable(r: BenchResults): Table {
  const s = r.sections;
  const rows: string[][] = [];
  const add = (name: string, via: string, section: Section<{ runs: readonly LoadResult[] }> | undefined) => {
    rows.push(...loadRows(name, via, section?.data?.runs));
    const st = statusRow(name, via, section, 9);
    if (st) rows.push(st);
  };
  add('1 user-task cycle', 'engine API', s.w1);
  add('1 user-task cycle', 'REST', s['w1-rest']);
  const half = s['w1-rest']?.data?.halfPeak;
  if (half) rows.push(['1 at half the REST peak', `REST, ${num(half.targetPerSecond)}/s offered`, 'open', num(half.perSecond), lat(half.calls.start), lat(half.calls.query), lat(half.calls.complete), '', half.errors ? `${half.errors} errors` : '']);
  add('2 straight-through', 'engine API', s.w2);
  add('3 parallel 10', 'engine API', s.w3);
  for (const [id, name] of [['w4', '4 async chain ×5'], ['w5', '5 external task']] as const) {
    const sec = s[id];
    const st = statusRow(name, 'REST', sec, 9);
    if (st) rows.push(st);
    else if (sec?.data) {
      const d = sec.data;
      rows.push([name, 'REST, burst of 8 starters', '8', num(d.instancesPerSecond), '', '', '', '', `${num(d.unitsPerSecond)} ${d.unit}; one instance start→end alone: ${lat(d.roundTrip)} ms`]);
    }
  }
  const peer = s.peer?.data;
  const pst = statusRow('bpmn-engine peer', 'in memory', s.peer, 9);
  if (pst) rows.push(pst);
  const peerRows: [string, string][] = [['userTaskCycle', '1 user-task cycle'], ['userTaskCycleWithState', '1 + getState/recover'], ['straightThrough', '2 straight-through']];
  for (const [key, name] of peerRows) {
    const run = peer?.results[key];
    if (run) rows.push([`${name}`, `bpmn-engine ${peer.version} (memory)`, String(run.clients), num(run.perSecond), lat(run.calls.start), '', lat(run.calls.complete), cpu(run), '']);
  }
  return {
    title: 'Workloads (completed instances per second; latency per call p50 / p95 / p99 in ms; CPU ms per instance)',
    headers: ['Workload', 'Via', 'Clients', 'PI/s', 'start', 'query task', 'complete', 'CPU bench · server · PG', 'note'],
    rows,
  };
}

function referenceTable(r: BenchResults): Table {
  const pg = r.sections.pgbench;
  const rows: string[][] = [];
  if (pg?.data?.available) {
    const d = pg.data;
    rows.push([`pgbench TPC-B-like, scale ${d.scale}, ${d.tpcb!.clients} clients, prepared`, `${num(d.tpcb!.tps)} TPS`, `${d.tpcb!.latencyAvgMs} ms avg`]);
    rows.push([`pgbench one-row INSERT, ${d.insert!.clients} clients, prepared`, `${num(d.insert!.tps)} TPS`, `${d.insert!.latencyAvgMs} ms avg`]);
    const end = r.pgbenchAtEnd;
    if (end) {
      const change = Math.round((end.tps / d.tpcb!.tps - 1) * 100);
      rows.push(['pgbench TPC-B-like again at the end of the run (drift of the machine)', `${num(end.tps)} TPS`, `${change >= 0 ? '+' : ''}${change} % against the start`]);
    }
  } else {
    rows.push(['pgbench', pg?.data?.reason ?? pg?.reason ?? 'not run', '']);
  }
  const w1 = r.sections.w1?.data?.runs.at(-1);
  if (w1 && pg?.data?.tpcb) rows.push([`Baton W1 (engine API, ${w1.clients} clients) ÷ TPC-B TPS`, `${(w1.perSecond / pg.data.tpcb.tps).toFixed(2)} ×`, '']);
  if (w1 && pg?.data?.insert) rows.push([`Baton W1 commits (2 per instance) ÷ INSERT TPS`, `${((2 * w1.perSecond) / pg.data.insert.tps).toFixed(2)} ×`, '']);
  const peer = r.sections.peer?.data?.results.userTaskCycle;
  if (w1 && peer && peer.perSecond > 0) rows.push(['Baton W1 (engine API) ÷ bpmn-engine W1', `${(w1.perSecond / peer.perSecond).toFixed(1)} ×`, '']);
  rows.push(['Peak RSS: engine-API bench process / REST server / peer', `${num(r.rss.engineProcessPeakMb)} / ${num(r.rss.restServerPeakMb ?? Number.NaN)} / ${num(r.rss.peerPeakMb ?? Number.NaN)} MB`, '']);
  return { title: 'References (same machine, same run)', headers: ['Reference', 'Value', ''], rows };
}

/** What each task-list count read of user_task under EXPLAIN ANALYZE: the rows it counted and those it discarded. */
function countNote(explain: readonly PlanCheck[]): string[] {
  const counts = serverCounts(explain).filter((p) => p.reads);
  if (!counts.length) return [];
  const reads = counts.map((p) => p.reads!.filter((r) => r.table === 'user_task').map((r) => `${num(r.returned)} read, ${num(r.removed)} discarded`).join(' + '));
  return [`Counts' reads of user_task (EXPLAIN ANALYZE at the last level): ${reads.join('; ')}.`];
}

function growthTable(r: BenchResults): Table | null {
  const g = r.sections.growth;
  if (!g) return null;
  if (!g.data) return { title: 'Growth', headers: ['status'], rows: [[`${g.status}: ${g.reason ?? ''}`]] };
  const queries = Object.keys(g.data.levels.at(-1)?.taskList ?? {});
  const rows = g.data.levels.map((l) => [
    l.label, num(l.historicInstances), num(l.openTasks), num(l.run.perSecond), lat(l.run.calls.complete), cpu(l.run), ...queries.map((q) => (l.taskList[q] ? `${l.taskList[q]!.p50} / ${l.taskList[q]!.p95}` : '–')),
  ]);
  const bad = g.data.explain.filter((p) => !p.indexesUsed);
  const notes = [
    `EXPLAIN: ${g.data.explain.length} statements checked on the grown tables; ${bad.length ? `not using indexes: ${bad.map((b) => `${b.statement.slice(0, 70)} (${b.seqScansOnLargeTables.join(', ') || b.error})`).join('; ')}` : 'all use indexes'}.`,
    ...countNote(g.data.explain),
    `Per-instance tables without an index on process_instance_id: ${g.data.tablesWithoutInstanceIndex?.join(', ') || 'none'}.`,
    `Seeding: ${g.data.levels.map((l) => `${l.seedSeconds} s`).join(', ')}. ${g.data.note}`,
  ];
  return {
    title: 'Growth (workload 1 via engine API; task-list queries via REST, p50 / p95 ms)',
    headers: ['Level', 'History', 'Open tasks', 'W1 PI/s', 'complete p50/p95/p99', 'CPU ms/PI bench · server · PG', ...queries],
    rows,
    notes,
  };
}

function profileTable(r: BenchResults): Table | null {
  const d = r.sections.profile?.data;
  if (!d) return null;
  const rows: string[][] = [];
  for (const [name, p] of [['engine API process', d.engineProfile], ['REST server', d.restProfile]] as const) {
    if (!p) continue;
    rows.push([name, `idle ${p.idlePct} %; socket writes ${p.socketWritePct} % of busy`, p.byAreaWithoutWrites.slice(0, 7).map((a) => `${a.name} ${a.pct} %`).join(', ')]);
    rows.push(['', 'top functions', p.topFunctionsWithoutWrites.slice(0, 6).map((f) => `${f.name} ${f.pct} %`).join(', ')]);
  }
  const trips = d.roundTripsPerCommand;
  if (trips) rows.push(['round trips per call', '', Object.entries(trips).map(([k, v]) => `${k} ${v.length}`).join(', ')]);
  return { title: 'Where the time goes (self time in % of busy time without socket writes; CPU ms per instance in the workload table)', headers: ['Process', 'Summary', 'Top'], rows };
}

function tuningTable(r: BenchResults): Table | null {
  const t = r.sections.tuning?.data;
  if (!t) return null;
  return {
    title: 'Tuning (workload 1, engine API, peak clients; two alternating rounds)',
    headers: ['Transport', 'Pool', 'PI/s', 'complete p50/p95/p99', 'CPU ms/PI bench · PG'],
    rows: t.runs.map((x) => [x.transport, String(x.poolSize), num(x.perSecond), lat(x.complete), `${x.cpuPerInstance.bench} · ${x.cpuPerInstance.postgres}`]),
  };
}

/** CPU milliseconds with two decimals. */
const ms = (x: number): string => x.toFixed(2);

function restCallsTable(r: BenchResults): Table | null {
  const t = r.sections['rest-calls']?.data;
  if (!t) return null;
  return {
    title: 'CPU per REST call type (each alone, half the peak clients; two alternating rounds)',
    headers: ['Round', 'Call', 'Clients', 'Calls/s', 'CPU ms/call bench · server · PG'],
    rows: t.runs.map((x) => [
      String(x.round + 1), x.call, String(x.clients), x.perSecond === null ? '–' : num(x.perSecond),
      `${ms(x.cpuPerCall.bench)} · ${ms(x.cpuPerCall.server)} · ${ms(x.cpuPerCall.postgres)}`,
    ]),
  };
}

function compareTable(r: BenchResults): Table | null {
  const t = r.sections.compare?.data;
  if (!t) return null;
  const side = (x: CompareSide) => `${num(x.perSecond)} · ${ms(x.cpuPerCycle.server)} · ${ms(x.cpuPerCycle.postgres)}${x.errors ? ` (${x.errors} errors)` : ''}`;
  const ratios = (x: CompareRatios) => `${x.perSecond.toFixed(3)} · ${x.server.toFixed(3)} · ${x.postgres.toFixed(3)}`;
  return {
    title: `This checkout (B) against ${t.against} = ${t.commit.slice(0, 12)} (A): workload 1 through REST, both at once, ${num(t.ratePerSide)} cycles/s offered to each`,
    headers: ['Round', 'A: PI/s · CPU ms/PI server · PG', 'B: PI/s · CPU ms/PI server · PG', 'B / A: PI/s · server · PG'],
    rows: [
      ...t.rounds.map((x) => [String(x.round + 1), side(x.a), side(x.b), ratios(x.ratio)]),
      ['median', '', '', ratios(t.medianRatio)],
    ],
  };
}

function targetTable(r: BenchResults): Table {
  return {
    title: 'Targets (issue 6)',
    headers: ['Target', 'Measured', 'Verdict'],
    rows: r.targets.map((t) => [t.target, t.value, t.pass === null ? '–' : t.pass ? 'pass' : 'MISS']),
  };
}

function tables(r: BenchResults): Table[] {
  return [workloadTable(r), referenceTable(r), growthTable(r), profileTable(r), tuningTable(r), restCallsTable(r), compareTable(r), targetTable(r)].filter((t): t is Table => t !== null);
}

/** One line about the machine and the database. */
export function describeRun(r: BenchResults): string {
  const m = r.machine;
  const s = r.database.settings;
  return `${m.cpuModel} × ${m.cpus} CPUs, ${m.memoryGb} GB RAM, ${m.os}, Node ${m.node}; PostgreSQL ${s.server_version ?? '?'} (${r.database.source}, same machine), synchronous_commit=${s.synchronous_commit}, fsync=${s.fsync}, engine pool ${r.database.poolSize}; load average ${r.loadAverage.start[0]} → ${r.loadAverage.end?.[0] ?? '?'}`;
}

function text(t: Table): string {
  const widths = t.headers.map((h, i) => Math.max(h.length, ...t.rows.map((row) => (row[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (c ?? '').padEnd(widths[i]!)).join('  ').trimEnd();
  return [`\n${t.title}`, line(t.headers), widths.map((w) => '─'.repeat(w)).join('  '), ...t.rows.map(line), ...(t.notes ?? []).map((n) => `  ${n}`)].join('\n');
}

function markdown(t: Table): string {
  const esc = (c: string) => c.replace(/\|/g, '\\|');
  return [`\n**${t.title}**\n`, `| ${t.headers.map(esc).join(' | ')} |`, `| ${t.headers.map(() => '---').join(' | ')} |`,
    ...t.rows.map((row) => `| ${row.map((c) => esc(c ?? '')).join(' | ')} |`), ...(t.notes ?? []).map((n) => `\n${n}`)].join('\n');
}

/** The terminal report. */
export function textReport(r: BenchResults): string {
  return [`Baton benchmark (${r.profile} run, ${r.date}, ${r.durationSeconds} s)`, describeRun(r), ...tables(r).map(text)].join('\n');
}

/** The README section: tables plus machine and how to reproduce. */
export function markdownReport(r: BenchResults, file: string): string {
  return [
    `Measured ${r.date.slice(0, 10)} on ${describeRun(r)}.`,
    ...tables(r).map(markdown),
    `\nReproduce: \`npm run bench\` (about ${Math.ceil(r.durationSeconds / 60)} minutes; needs PostgreSQL at 127.0.0.1:5432 or BENCH_DATABASE_URL, else starts an embedded one). Raw numbers: \`${file}\`.`,
  ].join('\n');
}
