/**
 * The job executor that runs in every node: acquires due jobs in batches (the store locks
 * them with a lease), runs each as an engine command with bounded concurrency, and sleeps
 * until a NOTIFY, the next due date or an exponential idle backoff, whichever comes first.
 * Safe on many nodes: acquisition skips rows other nodes hold, and a job's effects commit
 * with its deletion under the instance lock, so a job whose lease expired (node died) runs
 * again elsewhere but never twice for engine state.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { JobPort } from '../persistence/job-port';
import type { JobOutcome } from '../runtime/job-commands';

/** Runs one job (the engine's `jobs.execute`). */
export interface JobRunner {
  execute(jobId: string): Promise<JobOutcome>;
}

/** Job executor settings. */
export interface JobExecutorOptions {
  /** Lock owner id of this node (default: host-pid-random). */
  readonly owner?: string;
  /** Jobs run at the same time on this node (default 4). */
  readonly maxConcurrency?: number;
  /** Lease per acquisition (default 5 minutes, as Camunda's lockTimeInMillis). */
  readonly leaseMs?: number;
  /** Idle backoff bounds in ms (default 100 … 5000). */
  readonly idleMinMs?: number;
  readonly idleMaxMs?: number;
  /** Called after each job (tests, metrics). */
  readonly onJobDone?: (jobId: string, outcome: JobOutcome) => void;
  readonly log?: (message: string) => void;
}

/** Acquires and runs jobs until stopped. */
export class JobExecutor {
  readonly owner: string;
  private readonly running = new Map<string, Promise<void>>();
  private readonly max: number;
  private stopped = true;
  private woken = false;
  private wakeWaiter: (() => void) | null = null;
  private loopDone: Promise<void> = Promise.resolve();
  private unsubscribe: (() => Promise<void>) | null = null;

  constructor(private readonly runner: JobRunner, private readonly port: JobPort, private readonly options: JobExecutorOptions = {}) {
    this.owner = options.owner ?? `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.max = Math.max(1, options.maxConcurrency ?? 4);
  }

  /** Starts acquiring (subscribes to wake-ups first, so no NOTIFY is missed). */
  async start(): Promise<void> {
    if (!this.stopped) return;
    this.stopped = false;
    this.unsubscribe = await this.port.subscribe(() => this.wake());
    this.loopDone = this.loop();
  }

  /** Stops acquiring, lets running jobs finish within `timeoutMs`, then releases this node's leases. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.wake();
    await this.loopDone;
    await this.unsubscribe?.();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((done) => (timer = setTimeout(done, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.running.values()]), timeout]);
    clearTimeout(timer);
    // Jobs still running past the timeout commit or roll back on their own; their engine
    // effects stay exactly-once, so releasing the lease early is safe.
    await this.port.release(this.owner);
  }

  /** Runs due jobs in this call until none is due (tests with an advanceable clock). Returns how many ran. */
  async runDueJobs(limit = 10_000): Promise<number> {
    let count = 0;
    while (count < limit) {
      const jobs = await this.port.acquire(this.owner, this.options.leaseMs ?? 300_000, this.max);
      if (jobs.length === 0) return count;
      for (const job of jobs) this.report(job.id, await this.runner.execute(job.id));
      count += jobs.length;
    }
    return count;
  }

  /** Number of jobs running on this node now. */
  get active(): number {
    return this.running.size;
  }

  private async loop(): Promise<void> {
    const minIdle = this.options.idleMinMs ?? 100;
    const maxIdle = this.options.idleMaxMs ?? 5000;
    let idle = minIdle;
    while (!this.stopped) {
      this.woken = false;
      const free = this.max - this.running.size;
      let acquired = 0;
      let wait = idle;
      try {
        if (free > 0) {
          const jobs = await this.port.acquire(this.owner, this.options.leaseMs ?? 300_000, free);
          for (const job of jobs) this.spawn(job.id);
          acquired = jobs.length;
          if (acquired === free) continue; // maybe more are due: go again (capacity permitting)
          if (acquired === 0) {
            const next = await this.port.nextDueInMs();
            if (next !== null) wait = Math.max(5, Math.min(idle, next + 5));
          }
        }
      } catch (err) {
        this.options.log?.(`[jobs] acquisition failed: ${(err as Error).message}`);
        wait = maxIdle;
      }
      idle = acquired > 0 ? minIdle : Math.min(idle * 2, maxIdle);
      await this.sleep(wait);
    }
  }

  private spawn(jobId: string): void {
    if (this.running.has(jobId)) return; // our own lease expired and we re-acquired it: it is running
    const run = (async () => {
      try {
        this.report(jobId, await this.runner.execute(jobId));
      } catch (err) {
        this.options.log?.(`[jobs] job ${jobId} crashed the executor: ${(err as Error).stack ?? String(err)}`);
      } finally {
        this.running.delete(jobId);
        this.wake();
      }
    })();
    this.running.set(jobId, run);
  }

  private report(jobId: string, outcome: JobOutcome): void {
    if (outcome.status === 'failed') {
      this.options.log?.(`[jobs] job ${jobId} failed (${outcome.retriesLeft} retries left): ${(outcome.error as Error)?.message ?? String(outcome.error)}`);
    }
    this.options.onJobDone?.(jobId, outcome);
  }

  private wake(): void {
    this.woken = true;
    this.wakeWaiter?.();
  }

  private sleep(ms: number): Promise<void> {
    if (this.woken || this.stopped) return Promise.resolve();
    return new Promise((done) => {
      const timer = setTimeout(finish, ms);
      function finish() {
        clearTimeout(timer);
        done();
      }
      this.wakeWaiter = () => {
        this.wakeWaiter = null;
        finish();
      };
    });
  }
}
