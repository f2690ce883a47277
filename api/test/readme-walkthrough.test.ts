/**
 * Runs the README's curl walkthrough, exactly as written, against a real server, so the
 * README stays true to the code.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, startTestServer, type TestServer } from './support/test-server';

const ROOT = resolve(import.meta.dirname, '..', '..');
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer('readme');
});
afterAll(async () => {
  await s?.close();
});

function walkthrough(): string {
  const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## A walkthrough with curl'));
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README has no walkthrough block');
  return block;
}

describe('README walkthrough', () => {
  it('works as written: deploy twice, start, list, complete, history', async () => {
    const script = walkthrough().replace(/^B=\S+; U=\S+$/m, `B=${s.base}; U=${ADMIN.user}:${ADMIN.password}`);
    expect(script).toContain(`B=${s.base}`);
    // Async on purpose: the server under test runs in this process and must keep answering.
    const { stdout: out } = await promisify(execFile)('bash', ['-euo', 'pipefail', '-c', `${script}\necho "INSTANCE=$ID"`], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    const id = /INSTANCE=(\S+)/.exec(out)?.[1];
    expect(out).toContain('[{"name":"default"}]');
    expect(out).toContain('"state":"COMPLETED"');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await s.call('GET', '/process-definition?key=invoice-approval')).body).toHaveLength(1);
  });
});
