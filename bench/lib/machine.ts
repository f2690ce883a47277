/**
 * What the numbers ran on: CPU, memory, OS, Node, and the load average (other work on the
 * machine makes numbers noisy; the load average lets readers judge).
 */
import os from 'node:os';

/** Machine description for the results. */
export interface MachineInfo {
  readonly cpuModel: string;
  readonly cpus: number;
  readonly memoryGb: number;
  readonly os: string;
  readonly node: string;
  readonly hostname: string;
}

/** Describes this machine. */
export function machineInfo(): MachineInfo {
  const cpus = os.cpus();
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cpus: cpus.length,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    hostname: os.hostname(),
  };
}

/** The 1/5/15-minute load averages, rounded. */
export function loadAverage(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [a, b, c].map((n) => Math.round((n ?? 0) * 100) / 100) as [number, number, number];
}
