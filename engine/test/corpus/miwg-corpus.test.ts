/**
 * Deploys every MIWG reference model (../shared/bpmn-corpus/miwg, CC BY 3.0, BPMN MIWG test
 * suite) through the engine: each file deploys, or is rejected for a reason listed in
 * WHY_REJECTED with every problem naming its element. Non-executable processes are stored but
 * not startable. docs/bpmn-corpus.md is generated from the same outcomes and must be current.
 * Skips with a message when the folder is absent (a user's clone has no ../shared).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BatonError, parseBpmn } from '../../src';
import { CORPUS, corpusFiles, corpusPage, corpusTable, deployCorpusFile, WHY_REJECTED, type CorpusOutcome } from './corpus-report';

const files = corpusFiles();
const outcomes = new Map<string, CorpusOutcome>();

describe.skipIf(files.length === 0)('MIWG reference models', () => {
  it('finds the corpus', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
  });

  for (const file of files) {
    it(`${file}: deploys, or is rejected for an explained reason naming each element`, async () => {
      const { outcome, engine } = await deployCorpusFile(file);
      outcomes.set(file, outcome);
      if (outcome.kind === 'deployed') {
        expect(outcome.processes).toBeGreaterThan(0);
        expect(WHY_REJECTED[file], `${file} deploys now: drop it from WHY_REJECTED`).toBeUndefined();
        for (const id of outcome.definitionIds) {
          const definition = await engine.definition(id);
          if (definition.record.isExecutable) continue;
          await expect(engine.startProcessInstance({ definitionId: id })).rejects.toMatchObject({ code: 'NOT_STARTABLE' });
        }
        return;
      }
      expect(WHY_REJECTED[file], `${file} is rejected: ${outcome.problems.map((p) => `${p.elementId}: ${p.reason}`).join('; ')}`).toBeDefined();
      for (const p of outcome.problems) {
        expect(p.reason.length).toBeGreaterThan(5);
        expect(p.elementId, `problem without element id: ${p.reason}`).toBeTruthy();
      }
    });
  }

  it('reads ISO-8859-1 files (A.1.0 declares that encoding)', async () => {
    const parsed = await parseBpmn(readFileSync(resolve(CORPUS, 'A.1.0.bpmn')), 'A.1.0.bpmn');
    expect(parsed.xml).toContain('<');
  });

  it('never throws anything but typed errors', async () => {
    for (const file of files) await expect(deployCorpusFile(file).then(() => true, (e) => e instanceof BatonError)).resolves.toBe(true);
  });

  it('docs/bpmn-corpus.md is current (run `npm run docs:corpus`)', async () => {
    for (const file of files) if (!outcomes.has(file)) outcomes.set(file, (await deployCorpusFile(file)).outcome);
    const page = readFileSync(resolve(import.meta.dirname, '..', '..', '..', 'docs', 'bpmn-corpus.md'), 'utf8');
    expect(page).toBe(corpusPage(corpusTable(files.map((f) => outcomes.get(f)!))));
  });
});

if (files.length === 0) {
  describe('MIWG reference models', () => {
    it.skip(`corpus folder ${CORPUS} not found — skipped (it lives in the project's shared/ folder, not in this repository)`, () => undefined);
  });
}
