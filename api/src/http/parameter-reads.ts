/**
 * A query parameter the handler never reads makes its answer wrong without an error: GET
 * /process-instance with `variables` answered every instance, because Baton did not implement
 * that filter. For query operations (every GET, and POST operations named `query…`), request
 * validation hands the parameters the operation declares to `trackParameterReads`, which
 * records what the handler reads; when the handler answers (`sendJson`), a declared parameter
 * that was given but never read turns the answer into a 400 naming it.
 *
 * Why at answer time: which parameters a handler honours is known only by running it (some are
 * read in one branch only), and a query changes nothing, so refusing late loses nothing. Why a
 * Proxy rather than a list per route: a list would go stale with every filter added or missed.
 */
import type { Request, Response } from 'express';
import { HttpError } from './error-mapping';

type Source = Record<string, unknown>;

interface Tracking {
  readonly label: string;
  readonly given: readonly string[];
  readonly read: Set<string>;
}

const TRACKING = 'batonParameterReads';

/** Parameters that change no answer: leaving them unread is right. */
const HARMLESS = new Set(['deserializeValues', 'deserializeValue']);

/** A value that asks for nothing: an absent filter, a flag left off, an empty list. */
function asksForNothing(value: unknown): boolean {
  return value === undefined || value === null || value === false || value === 'false' || (Array.isArray(value) && value.length === 0);
}

/**
 * Watches which of `declared` the handler reads from the query string (and, with `body`, from
 * the JSON body). `ignore`: declared names the operation may leave unread (sorting of a count).
 */
export function trackParameterReads(req: Request, res: Response, label: string, declared: { query: ReadonlySet<string>; body: ReadonlySet<string> }, ignore: ReadonlySet<string>): void {
  const read = new Set<string>();
  const given: string[] = [];
  const watch = (key: 'query' | 'body', names: ReadonlySet<string>) => {
    const source = req[key] as unknown;
    if (!source || typeof source !== 'object' || Array.isArray(source)) return;
    const watched = Object.keys(source).filter((k) => names.has(k) && !HARMLESS.has(k) && !ignore.has(k) && !asksForNothing((source as Source)[k]));
    if (watched.length === 0) return;
    given.push(...watched);
    Object.defineProperty(req, key, { value: recording(source as Source, read), configurable: true, enumerable: true, writable: true });
  };
  watch('query', declared.query);
  if (declared.body.size > 0) watch('body', declared.body);
  if (given.length > 0) res.locals[TRACKING] = { label, given, read } satisfies Tracking;
}

/** A view of `source` that adds every property name read through it to `read` (all of them when iterated). */
function recording(source: Source, read: Set<string>): Source {
  return new Proxy(source, {
    get(target, prop, receiver) {
      if (typeof prop === 'string') read.add(prop);
      return Reflect.get(target, prop, receiver);
    },
    has(target, prop) {
      if (typeof prop === 'string') read.add(prop);
      return Reflect.has(target, prop);
    },
    ownKeys(target) {
      const keys = Reflect.ownKeys(target);
      for (const k of keys) if (typeof k === 'string') read.add(k);
      return keys;
    },
  });
}

/** Throws a 400 naming the given parameters the handler did not read (see the file comment). */
export function assertParametersRead(res: Response): void {
  const t = res.locals[TRACKING] as Tracking | undefined;
  if (!t) return;
  const unread = t.given.filter((k) => !t.read.has(k));
  if (unread.length === 0) return;
  const names = unread.map((k) => `'${k}'`).join(', ');
  throw new HttpError(400, 'InvalidRequestException',
    `Baton does not support ${unread.length > 1 ? 'the parameters' : 'the parameter'} ${names} of ${t.label} yet; answering without ${unread.length > 1 ? 'them' : 'it'} would be wrong`);
}
