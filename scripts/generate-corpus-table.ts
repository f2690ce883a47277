/**
 * `npm run docs:corpus`: deploys every MIWG reference model and writes docs/bpmn-corpus.md
 * (needs ../shared/bpmn-corpus/miwg).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { corpusFiles, corpusPage, corpusTable, deployCorpusFile } from '../engine/test/corpus/corpus-report';

const files = corpusFiles();
if (files.length === 0) {
  console.error('corpus folder not found (../shared/bpmn-corpus/miwg); nothing written');
  process.exit(1);
}
const outcomes = [];
for (const file of files) outcomes.push((await deployCorpusFile(file)).outcome);
writeFileSync(resolve(import.meta.dirname, '..', 'docs', 'bpmn-corpus.md'), corpusPage(corpusTable(outcomes)));
console.log(`docs/bpmn-corpus.md: ${outcomes.length} files`);
