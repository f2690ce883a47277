/**
 * Loads handlers for `camunda:class` / `camunda:delegateExpression` / `camunda:expression`
 * from the plugins folder (BATON_PLUGINS_DIR): every `.js`, `.mjs` and `.ts` module directly in
 * it, in name order. Each named export that is a function or an object is registered under its
 * export name; a default export that is a plain object registers each of its entries.
 * Two modules exporting the same name is a startup error, never a silent override.
 */
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Registrable } from '@baton/engine';

const MODULE = /\.(m?js|ts)$/;

/** Handlers by name from `dir`; none when no folder is configured. */
export async function loadPlugins(dir: string | null): Promise<Record<string, Registrable>> {
  if (!dir) return {};
  const folder = resolve(dir);
  const files = (await readdir(folder, { withFileTypes: true }))
    .filter((e) => e.isFile() && MODULE.test(e.name) && !e.name.endsWith('.d.ts'))
    .map((e) => e.name)
    .sort();
  const handlers: Record<string, Registrable> = {};
  const origin = new Map<string, string>();
  for (const file of files) {
    const mod = await importModule(join(folder, file));
    for (const [name, value] of exportedHandlers(mod)) {
      const other = origin.get(name);
      if (other) throw new Error(`Plugin handler '${name}' is exported by both ${other} and ${file} in ${folder}`);
      origin.set(name, file);
      handlers[name] = value;
    }
  }
  return handlers;
}

let typescriptLoader: Promise<unknown> | null = null;

/**
 * Imports a plugin module. A `.ts` plugin needs a TypeScript loader: the bundled server (`npm
 * start`) runs on plain Node, so tsx (installed with the repository) is registered on the first
 * such plugin; under tsx (tests, `tsx api/src/main.ts`) it already is.
 */
async function importModule(path: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path).href;
  try {
    return (await import(url)) as Record<string, unknown>;
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_UNKNOWN_FILE_EXTENSION') throw err;
    typescriptLoader ??= import('tsx/esm/api').then((tsx) => tsx.register());
    await typescriptLoader;
    // A new URL: Node remembers the failed load of the first one.
    return (await import(`${url}?typescript`)) as Record<string, unknown>;
  }
}

function exportedHandlers(mod: Record<string, unknown>): Array<[string, Registrable]> {
  const out: Array<[string, Registrable]> = [];
  for (const [name, value] of Object.entries(mod)) {
    if (name === 'default') {
      if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) if (isHandler(v)) out.push([k, v]);
      continue;
    }
    if (isHandler(value)) out.push([name, value]);
  }
  return out;
}

function isHandler(value: unknown): value is Registrable {
  return typeof value === 'function' || (typeof value === 'object' && value !== null);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype;
}
