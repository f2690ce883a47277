/** The README's element table is generated from the registry's coverage rows and kept current. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { behaviors } from '../src/behaviors/registry';
import { SUPPORTED_ELEMENTS } from '../src/model/element-coverage';
import { readmeWithTable } from '../../scripts/generate-element-table';

describe('element coverage table', () => {
  it('has a row for every registered behavior and no other', () => {
    expect(Object.keys(SUPPORTED_ELEMENTS).sort()).toEqual(Object.keys(behaviors).sort());
  });

  it('is current in README.md (run `npm run docs:elements`)', () => {
    const readme = readFileSync(resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');
    expect(readme).toContain('<!-- element-coverage:start -->');
    expect(readmeWithTable(readme)).toBe(readme);
  });
});
