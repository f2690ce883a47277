/**
 * Workload 6, growth: workload 1 (engine API, peak clients) and the task-list queries (REST)
 * with 0 → 100,000 → 1,000,000 completed instances in history, then with 100,000 open tasks
 * on top. History and open tasks are seeded in SQL by cloning a real instance (lib/seed.ts).
 * Ends with EXPLAIN of the engine's hot statements and of the task-list SQL the server ran.
 */
import { measureCpu, perUnit } from '../lib/cpu';
import { resetInstanceData } from '../lib/database';
import { explainCaptured, tablesWithoutInstanceIndex, type PlanCheck } from '../lib/explain';
import { closedLoop, untimed } from '../lib/load';
import { RestClient } from '../lib/http-client';
import type { RestServer, ServerCapture } from '../lib/rest-server';
import type { GrowthLevel, GrowthReport } from '../lib/results';
import { seedClones, settle, type Overrides } from '../lib/seed';
import { SqlTracer } from '../lib/sql-trace';
import { summarize, type LatencySummary } from '../lib/stats';
import type { BenchContext } from './context';
import { engineUserTaskCycle, USER_TASK_KEY } from './user-task-cycle';

/** Open tasks spread like a real task list: half assigned over 500 users, 20 candidate groups. */
const OPEN_TASK_SPREAD: Overrides = {
  user_task: { assignee: `CASE WHEN m.g % 2 = 0 THEN 'user' || (m.g % 500) END`, candidate_groups: `ARRAY['group' || (m.g % 20)]` },
  history_task: { assignee: `CASE WHEN m.g % 2 = 0 THEN 'user' || (m.g % 500) END` },
};

/**
 * Employees who are not administrators, so every query of theirs carries the visibility
 * condition (api/src/auth/guards.ts): the member is assignee of the seeded user42 tasks and in
 * group7 (about 5 % of the open tasks); the newcomer is in no group and has no task; the quiet
 * one is in a group that holds no open task. The last two see nothing, which is what the
 * planner finds hardest to foresee (migration 0017, bench/README.md).
 */
const EMPLOYEES = {
  member: { user: 'user42', group: 'group7' },
  newcomer: { user: 'newcomer', group: null },
  quiet: { user: 'quiet1', group: 'quiet' },
} as const;
type Employee = keyof typeof EMPLOYEES;

/** A REST client per employee; the administrator is the server's own client. */
type EmployeeClients = Record<Employee, RestClient>;

/** One task-list request; `count`: it answers a number of tasks rather than a page of them. */
interface TaskListQuery {
  readonly path: string;
  readonly as?: Employee;
  readonly count?: true;
}

/** The task-list requests a tasklist UI sends (first page of 50, newest first), as administrator or as an employee. */
function taskListQueries(instanceId: string): Record<string, TaskListQuery> {
  const firstPage = '/task?sortBy=created&sortOrder=desc&firstResult=0&maxResults=50';
  return {
    'my tasks (assignee)': { path: '/task?assignee=user42&sortBy=created&sortOrder=desc&firstResult=0&maxResults=50' },
    'group tasks (candidateGroup)': { path: '/task?candidateGroup=group7&sortBy=created&sortOrder=desc&firstResult=0&maxResults=50' },
    'all tasks (first page)': { path: firstPage },
    'count (candidateGroup)': { path: '/task/count?candidateGroup=group7', count: true },
    'tasks of one instance': { path: `/task?processInstanceId=${instanceId}` },
    'member: visible tasks (first page)': { path: firstPage, as: 'member' },
    'member: count of visible tasks': { path: '/task/count', as: 'member', count: true },
    'member: tasklist badges (4 counts)': { path: '/tasklist/counts', as: 'member', count: true },
    'newcomer: visible tasks (first page)': { path: firstPage, as: 'newcomer' },
    'quiet group: visible tasks (first page)': { path: firstPage, as: 'quiet' },
  };
}

/** Creates the employees through the identity API; returns a client with each one's credentials. */
async function employeeClients(rest: RestServer): Promise<EmployeeClients> {
  const clients: Partial<EmployeeClients> = {};
  for (const [who, { user, group }] of Object.entries(EMPLOYEES) as [Employee, (typeof EMPLOYEES)[Employee]][]) {
    const password = `bench-${who}-${process.pid}`;
    await rest.client.call('POST', '/user/create', { profile: { id: user, firstName: 'Bench', lastName: who }, credentials: { password } });
    if (group) {
      await rest.client.call('POST', '/group/create', { id: group, name: group, type: 'WORKFLOW' });
      await rest.client.call('PUT', `/group/${group}/members/${user}`);
    }
    clients[who] = new RestClient(rest.base, { user, password });
  }
  return clients as EmployeeClients;
}

const clientOf = (rest: RestServer, employees: EmployeeClients, as?: Employee): RestClient => (as ? employees[as] : rest.client);

/**
 * Latency of each task-list query, one after another in rounds (every query once per round).
 * Why rounds: measured query by query, a disturbance of the machine lasting some tens of ms
 * (a checkpoint's writes, another process's burst) fell on many samples of one query and
 * decided its p95 (bench/README.md, item 30). In rounds a short one falls on a sample or two of
 * several queries; a long one still shows.
 */
async function measureTaskList(rest: RestServer, employees: EmployeeClients, instanceId: string, samples: number): Promise<Record<string, LatencySummary>> {
  const queries = Object.entries(taskListQueries(instanceId)).map(([name, { path, as }]) => ({ name, path, client: clientOf(rest, employees, as), ms: [] as number[] }));
  for (let round = -3; round < samples; round++) {
    for (const q of queries) {
      const t0 = performance.now();
      await q.client.call('GET', q.path);
      if (round >= 0) q.ms.push(performance.now() - t0); // the first three rounds warm caches and plans
    }
  }
  return Object.fromEntries(queries.map((q) => [q.name, summarize(q.ms)]));
}

/** Creates a completed and an open instance to clone. */
async function templates(ctx: BenchContext): Promise<{ completed: string; open: string }> {
  const vars = { amount: { type: 'Integer' as const, value: 42 } };
  const done = await ctx.engine.startProcessInstance({ key: USER_TASK_KEY, variables: vars });
  const [task] = await ctx.engine.reads.findTasks({ processInstanceId: done.instanceId });
  await ctx.engine.completeTask(task!.id, { approved: { type: 'Boolean', value: true } });
  const open = await ctx.engine.startProcessInstance({ key: USER_TASK_KEY, variables: vars });
  return { completed: done.instanceId, open: open.instanceId };
}

async function counts(ctx: BenchContext): Promise<{ history: number; open: number }> {
  const r = await ctx.store.pool.query(
    `SELECT (SELECT count(*) FROM history_process_instance WHERE end_time IS NOT NULL)::int AS history, (SELECT count(*) FROM user_task)::int AS open`,
  );
  return r.rows[0] as { history: number; open: number };
}

async function measureLevel(ctx: BenchContext, label: string, seedSeconds: number, openInstance: string, employees: EmployeeClients | null): Promise<GrowthLevel> {
  const before = await counts(ctx);
  const { result: run, cpu } = await measureCpu(ctx.db.name, null, () =>
    closedLoop(ctx.profile.peakClients, { warmupMs: 1000, measureMs: ctx.profile.growthMeasureMs }, engineUserTaskCycle(ctx.engine)),
  );
  run.cpuPerIteration = perUnit(cpu, run.completedTotal);
  const taskList = ctx.rest && employees ? await measureTaskList(ctx.rest, employees, openInstance, ctx.profile.taskListSamples) : {};
  ctx.log(`  ${label}: ${run.perSecond} PI/s, history ${before.history}, open tasks ${before.open}`);
  return { label, historicInstances: before.history, openTasks: before.open, seedSeconds, run, taskList };
}

/** Runs the growth levels and the EXPLAIN checks. */
export async function runGrowth(ctx: BenchContext): Promise<GrowthReport> {
  await resetInstanceData(ctx.db);
  const tpl = await templates(ctx);
  const employees = ctx.rest ? await employeeClients(ctx.rest) : null;
  try {
    return {
      levels: await growLevels(ctx, tpl, employees),
      countQueries: Object.entries(taskListQueries(tpl.open)).flatMap(([name, q]) => (q.count ? [name] : [])),
      explain: await explainAtScale(ctx, tpl.open, employees),
      tablesWithoutInstanceIndex: await ctx.db.withClient(tablesWithoutInstanceIndex),
      note: 'History and open tasks are cloned from real instances in SQL; secondary indexes are rebuilt after large seeds (more compact than organically grown ones).',
    };
  } finally {
    for (const client of Object.values(employees ?? {})) client.close();
  }
}

/** Seeds each level and measures it. */
async function growLevels(ctx: BenchContext, tpl: { completed: string; open: string }, employees: EmployeeClients | null): Promise<GrowthLevel[]> {
  const levels: GrowthLevel[] = [];
  let seeded = 0;
  await ctx.db.withClient(async (c) => {
    await settle(c);
    for (const target of ctx.profile.growthHistory) {
      let seconds = 0;
      if (target > seeded) {
        ctx.log(`  seeding history to ${target} completed instances`);
        seconds = (await seedClones(c, tpl.completed, target - seeded, seeded + 1, {}, ctx.log)).seconds;
        seeded = target;
      }
      levels.push(await measureLevel(ctx, `${target.toLocaleString('en-US')} in history`, seconds, tpl.open, employees));
    }
    ctx.log(`  seeding ${ctx.profile.growthOpenTasks} open tasks`);
    const open = await seedClones(c, tpl.open, ctx.profile.growthOpenTasks, 1, OPEN_TASK_SPREAD, ctx.log);
    levels.push(await measureLevel(ctx, `+ ${ctx.profile.growthOpenTasks.toLocaleString('en-US')} open tasks`, open.seconds, tpl.open, employees));
  });
  return levels;
}

/** EXPLAIN of one engine cycle's statements and of the server's task-list SQL, on the grown tables. */
async function explainAtScale(ctx: BenchContext, openInstance: string, employees: EmployeeClients | null): Promise<PlanCheck[]> {
  const tracer = new SqlTracer();
  tracer.install();
  try {
    await engineUserTaskCycle(ctx.engine)(untimed);
  } finally {
    tracer.uninstall();
  }
  const statements = tracer.captured().map((s) => ({ ...s, label: 'engine' }));
  let server: ServerCapture | null = null;
  if (ctx.rest && employees) {
    await ctx.rest.captureStart();
    for (const { path, as } of Object.values(taskListQueries(openInstance))) await clientOf(ctx.rest, employees, as).call('GET', path);
    server = await ctx.rest.captureStop();
  }
  // Everything the server ran meanwhile: the task-list SQL (and its job executor's polls).
  const taskList = (server?.statements ?? []).map((s) => ({ ...s, label: 'REST server' }));
  return ctx.db.withClient((c) => explainCaptured(c, [...statements, ...taskList]));
}
