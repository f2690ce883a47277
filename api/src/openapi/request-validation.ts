/**
 * Validates every /engine-rest request against Baton's OpenAPI document (derived from
 * Camunda's) with ajv: query parameters (coerced from strings, as Camunda does) and JSON
 * bodies. Unknown query parameters and body properties are ignored, as Camunda ignores them;
 * a wrong type answers 400 naming the parameter. Parameters the operation declares are then
 * watched for queries: one the handler does not read answers 400 (http/parameter-reads.ts).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { RequestHandler } from 'express';
import { HttpError } from '../http/error-mapping';
import { trackParameterReads } from '../http/parameter-reads';
import { OPENAPI_DIR } from './camunda-operations';
import { nullableEnums, OperationMatcher } from './operation-matcher';

interface Parameter {
  readonly name: string;
  readonly in: string;
  readonly required?: boolean;
  readonly schema?: Record<string, unknown>;
}

interface Operation {
  readonly operationId: string;
  readonly parameters?: Parameter[];
  readonly requestBody?: { content?: Record<string, { schema?: unknown }> };
}

interface Validators {
  readonly query: ValidateFunction | null;
  readonly body: ValidateFunction | null;
  /** For queries (GET, POST `query…`): the declared parameter names, watched for being read. */
  readonly declared: { query: ReadonlySet<string>; body: ReadonlySet<string> } | null;
}

/** A count ignores sorting and paging, as Camunda's counts do. */
const COUNT_IGNORES: ReadonlySet<string> = new Set(['sorting', 'sortBy', 'sortOrder', 'firstResult', 'maxResults']);
const NOTHING: ReadonlySet<string> = new Set();

/** Property names of a body schema (through $ref and allOf). */
function propertyNames(schema: unknown, components: Record<string, unknown>, out = new Set<string>()): Set<string> {
  const s = schema as { $ref?: string; allOf?: unknown[]; properties?: Record<string, unknown> } | undefined;
  if (!s) return out;
  if (s.$ref) return propertyNames((components.schemas as Record<string, unknown>)[s.$ref.replace('#/components/schemas/', '')], components, out);
  for (const part of s.allOf ?? []) propertyNames(part, components, out);
  for (const name of Object.keys(s.properties ?? {})) out.add(name);
  return out;
}

// ajv-formats is CommonJS; its default export arrives wrapped under tsx/ESM.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** Loads Baton's document (the committed, generated one). */
export function loadBatonDocument(): { paths: Record<string, Record<string, Operation>>; components: Record<string, unknown> } {
  return JSON.parse(readFileSync(resolve(OPENAPI_DIR, 'baton-openapi.json'), 'utf8'));
}

function message(kind: 'query parameter' | 'request body', errors: ErrorObject[] | null | undefined): string {
  const e = errors?.[0];
  if (!e) return `Invalid ${kind}`;
  const name = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || (e.params as { missingProperty?: string }).missingProperty || '';
  return kind === 'query parameter'
    ? `Cannot set query parameter '${name}' to value: ${e.message ?? 'invalid'}`
    : `Invalid request body${name ? ` property '${name}'` : ''}: ${e.message ?? 'invalid'}`;
}

/** Express middleware validating requests of the operations in Baton's document. */
export function requestValidation(): RequestHandler {
  const doc = nullableEnums(loadBatonDocument());
  const ajvQuery = addFormats(new Ajv({ strict: false, coerceTypes: 'array', allErrors: false, useDefaults: false }));
  const ajvBody = addFormats(new Ajv({ strict: false, coerceTypes: false, allErrors: false }));
  for (const ajv of [ajvQuery, ajvBody]) ajv.addSchema({ components: doc.components }, 'baton');
  const cache = new Map<Operation, Validators>();
  const matcher = new OperationMatcher(doc.paths);
  const rewrite = (schema: unknown) => JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"baton#/components/'));

  const validatorsOf = (op: Operation, method: string): Validators => {
    let v = cache.get(op);
    if (v) return v;
    const queryParams = (op.parameters ?? []).filter((p) => p.in === 'query' && p.schema);
    const query = queryParams.length
      ? ajvQuery.compile({ type: 'object', properties: Object.fromEntries(queryParams.map((p) => [p.name, rewrite(p.schema)])), required: queryParams.filter((p) => p.required).map((p) => p.name) })
      : null;
    const bodySchema = op.requestBody?.content?.['application/json']?.schema;
    const isQuery = method === 'GET' || (method === 'POST' && op.operationId.startsWith('query'));
    const declared = isQuery
      ? { query: new Set(queryParams.map((p) => p.name)), body: method === 'POST' ? propertyNames(bodySchema, doc.components) : NOTHING }
      : null;
    v = { query, body: bodySchema ? ajvBody.compile(rewrite(bodySchema)) : null, declared };
    cache.set(op, v);
    return v;
  };

  return (req, res, next) => {
    const matched = matcher.match(req.method, req.path);
    if (!matched) return next();
    const v = validatorsOf(matched.operation, req.method);
    // Validate a copy: coercion must not change what the routes read (they parse themselves).
    if (v.query && !v.query({ ...(req.query as object) })) return next(new HttpError(400, 'InvalidRequestException', message('query parameter', v.query.errors)));
    if (v.body && req.is('application/json') && req.body !== undefined && !v.body(req.body)) {
      return next(new HttpError(400, 'InvalidRequestException', message('request body', v.body.errors)));
    }
    if (v.declared) trackParameterReads(req, res, `${req.method} ${matched.template}`, v.declared, matched.template.endsWith('/count') ? COUNT_IGNORES : NOTHING);
    return next();
  };
}
