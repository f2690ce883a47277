/**
 * Scenario harness with an advanceable clock: an in-memory store and engine on a fake clock,
 * and a job executor whose `runDueJobs` runs whatever is due now (no timers, no sleeps).
 */
import { Engine, eventLabel, InMemoryStore, JobExecutor, type JobOutcome, type Registrable } from '../../src';
import { fixture } from './scenario';

/** A clock tests move forward by hand. */
export class TestClock {
  private t: number;
  constructor(start = '2025-01-01T00:00:00.000Z') {
    this.t = Date.parse(start);
  }
  readonly now = (): Date => new Date(this.t);
  /** Moves time forward by ms. */
  advance(ms: number): void {
    this.t += ms;
  }
}

/** Minutes in ms. */
export const minutes = (n: number) => n * 60_000;

/** An engine with fixtures deployed, a clock, a job executor and an event log. */
export async function jobScenario(files: string[], handlers: Record<string, Registrable> = {}) {
  const clock = new TestClock();
  const store = new InMemoryStore(clock.now);
  const engine = new Engine({ store, clock: clock.now, handlers });
  const outcomes: Array<{ jobId: string; outcome: JobOutcome }> = [];
  const executor = new JobExecutor(engine.jobs, store.jobs, { onJobDone: (jobId, outcome) => outcomes.push({ jobId, outcome }) });
  let log: string[] = [];
  engine.onEvents((events) => log.push(...events.filter((e) => e.type !== 'variable.set').map(eventLabel)));
  for (const file of files) await engine.deploy({ name: file, resources: [{ name: file, content: fixture(file) }] });
  log = [];
  return {
    engine, store, clock, executor, outcomes,
    takeLog(): string[] {
      const out = log;
      log = [];
      return out;
    },
    /** Advances the clock and runs every job due then. */
    async advance(ms: number): Promise<number> {
      clock.advance(ms);
      return executor.runDueJobs();
    },
    async jobs(instanceId: string) {
      return engine.reads.jobsOfInstance(instanceId);
    },
    async openTaskKeys(instanceId: string): Promise<string[]> {
      return (await engine.reads.findTasks({ processInstanceId: instanceId })).map((t) => t.taskDefinitionKey).sort();
    },
  };
}
