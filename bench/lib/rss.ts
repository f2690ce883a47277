/**
 * Resident memory of the Baton processes: the peak of this process (the engine-API workloads
 * run in it) from getrusage, and the peak of a child process (the REST server) from
 * /proc/<pid>/status (VmHWM, Linux only).
 */
import { readFileSync } from 'node:fs';

/** Peak RSS of this process so far, in MB. */
export function selfPeakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Current and peak RSS of a process in MB from /proc, or null where /proc is missing. */
export function procRssMb(pid: number): { current: number; peak: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
    return { current: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
  } catch {
    return null;
  }
}

/** Samples the current RSS of this process periodically and keeps the maximum (per phase). */
export class RssSampler {
  private max = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(intervalMs = 250) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  private sample(): void {
    this.max = Math.max(this.max, process.memoryUsage.rss());
  }

  /** Stops sampling; returns the maximum in MB. */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return Math.round(this.max / (1024 * 1024));
  }
}
