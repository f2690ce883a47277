/**
 * Finds the OpenAPI operation of a request (method + concrete path): static segments win over
 * parameters, as Camunda's JAX-RS routing does.
 */
import { firstSegment } from '../http/segment-router';

/** A matched operation with its path parameters. */
export interface MatchedOperation<T> {
  readonly template: string;
  readonly operation: T;
  readonly params: Record<string, string>;
}

interface Entry<T> {
  readonly template: string;
  readonly regex: RegExp;
  readonly names: string[];
  readonly paramCount: number;
  readonly operation: T;
}

/** Matches requests against the operations of an OpenAPI `paths` object. */
export class OperationMatcher<T> {
  /**
   * Entries by method, then by the first path segment (every Camunda path starts with a static
   * one: /task, /process-definition, …), each list with the fewest parameters first. Why the
   * second level: every request is matched twice (validation, 501s); a scan of all ~150
   * operations of a method showed up with about 2 % of the server's CPU in the profile.
   */
  private readonly byMethod = new Map<string, Map<string, Entry<T>[]>>();

  constructor(paths: Record<string, Record<string, T>>, methods: readonly string[] = ['get', 'post', 'put', 'delete']) {
    for (const [template, item] of Object.entries(paths)) {
      const names: string[] = [];
      const pattern = template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{([^}]+)\\?\}|\{([^}]+)\}/g, (_m, a?: string, b?: string) => {
        names.push((a ?? b)!);
        return '([^/]+)';
      });
      const first = firstSegment(template);
      if (first.includes('{')) throw new Error(`OperationMatcher: ${template} starts with a parameter`);
      for (const m of methods) {
        const operation = item[m];
        if (!operation) continue;
        const segments = this.byMethod.get(m.toUpperCase()) ?? new Map<string, Entry<T>[]>();
        const list = segments.get(first) ?? [];
        list.push({ template, regex: new RegExp(`^${pattern}/?$`), names, paramCount: names.length, operation });
        segments.set(first, list);
        this.byMethod.set(m.toUpperCase(), segments);
      }
    }
    for (const segments of this.byMethod.values()) for (const list of segments.values()) list.sort((a, b) => a.paramCount - b.paramCount);
  }

  /** The operation for a method and a path relative to /engine-rest, if any. */
  match(method: string, path: string): MatchedOperation<T> | null {
    for (const e of this.byMethod.get(method.toUpperCase())?.get(firstSegment(path)) ?? []) {
      const m = e.regex.exec(path);
      if (!m) continue;
      const params = Object.fromEntries(e.names.map((n, i) => [n, decodeURIComponent(m[i + 1]!)]));
      return { template: e.template, operation: e.operation, params };
    }
    return null;
  }
}

/**
 * OpenAPI 3.0 reads `nullable: true` + `enum` as "the enum, without null" unless null is
 * listed; Camunda's document means (and Camunda sends) null too. Adds null to such enums.
 */
export function nullableEnums<T>(doc: T): T {
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (o.nullable === true && Array.isArray(o.enum) && !o.enum.includes(null)) o.enum = [...o.enum, null];
    Object.values(o).forEach(walk);
  };
  walk(doc);
  return doc;
}
