/**
 * `npm run docs:elements`: writes the element coverage table into README.md between the
 * `element-coverage` markers, from engine/src/model/element-coverage.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { elementCoverageTable } from '../engine/src/model/element-coverage';

/** README with the current table between the markers. */
export function readmeWithTable(readme: string): string {
  return readme.replace(
    /(<!-- element-coverage:start -->)[\s\S]*?(<!-- element-coverage:end -->)/,
    `$1\n${elementCoverageTable()}\n$2`,
  );
}

const path = resolve(import.meta.dirname, '..', 'README.md');
if (process.argv[1]?.endsWith('generate-element-table.ts')) {
  writeFileSync(path, readmeWithTable(readFileSync(path, 'utf8')));
  console.log('README.md element table updated');
}
