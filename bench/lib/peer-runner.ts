/**
 * Runs the bpmn-engine peer (bench/peer/bpmn-engine-worker.ts) in a child process and reads
 * its JSON result line.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Profile } from './options';
import { ROOT } from './rest-server';
import type { PeerReport } from './results';

const run = promisify(execFile);

/** Measures the peer with the profile's clients and durations. */
export async function runPeer(profile: Profile): Promise<PeerReport> {
  const args = { clients: profile.peakClients, ...profile.peer };
  const worker = join(ROOT, 'bench', 'peer', 'bpmn-engine-worker.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', worker, JSON.stringify(args)], { cwd: ROOT, maxBuffer: 64 << 20, timeout: 180_000 });
  const last = stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(last) as PeerReport;
}
