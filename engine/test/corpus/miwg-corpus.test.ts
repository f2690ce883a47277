/**
 * Parses every MIWG reference model (../shared/bpmn-corpus/miwg, CC BY 3.0, BPMN MIWG test
 * suite): parsing never crashes, and validation either accepts a file or names each problem
 * with its element id. Skips with a message when the folder is absent (a user's clone has no
 * ../shared); the files are never copied into this repository.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatonError, buildModel, ModelValidationError, parseBpmn, type ModelProblem } from '../../src';

const CORPUS = resolve(import.meta.dirname, '..', '..', '..', '..', 'shared', 'bpmn-corpus', 'miwg');
const files = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.bpmn')).sort() : [];

type Outcome = { kind: 'accepted'; processes: number; executable: number } | { kind: 'rejected'; problems: readonly ModelProblem[] };

async function check(file: string): Promise<Outcome> {
  try {
    const parsed = await parseBpmn(readFileSync(join(CORPUS, file)), file);
    const built = buildModel(parsed.definitions);
    if (built.problems.length > 0) return { kind: 'rejected', problems: built.problems };
    return { kind: 'accepted', processes: built.processes.length, executable: built.processes.filter((p) => p.isExecutable).length };
  } catch (err) {
    if (err instanceof ModelValidationError) return { kind: 'rejected', problems: err.problems };
    throw err;
  }
}

describe.skipIf(files.length === 0)('MIWG reference models', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    it(`${file}: parses, then is accepted or rejected with named problems`, async () => {
      const outcome = await check(file);
      if (outcome.kind === 'accepted') {
        expect(outcome.processes).toBeGreaterThan(0);
        return;
      }
      expect(outcome.problems.length).toBeGreaterThan(0);
      for (const p of outcome.problems) {
        expect(p.reason.length).toBeGreaterThan(5);
        expect(p.elementId, `problem without element id: ${p.reason}`).toBeTruthy();
      }
    });
  }

  it('reads ISO-8859-1 files (A.1.0 declares that encoding) and accepts non-executable models', async () => {
    expect(await check('A.1.0.bpmn')).toMatchObject({ kind: 'accepted', executable: 0 });
  });

  it('names what cannot run in executable models by element id (C.3.0: a collapsed sub-process without content)', async () => {
    const outcome = await check('C.3.0.bpmn');
    expect(outcome.kind).toBe('rejected');
    const reasons = (outcome.kind === 'rejected' ? outcome.problems : []).map((p) => `${p.elementId}: ${p.reason}`);
    expect(reasons).toEqual(['_cd6f230f-13c3-4027-aa3e-57de601a1ab2: has no none start event']);
  });

  it('never throws anything but typed errors', async () => {
    for (const file of files) await expect(check(file).then(() => true, (e) => e instanceof BatonError)).resolves.toBe(true);
  });
});

if (files.length === 0) {
  describe('MIWG reference models', () => {
    it.skip(`corpus folder ${CORPUS} not found — skipped (it lives in the project's shared/ folder, not in this repository)`, () => undefined);
  });
}
