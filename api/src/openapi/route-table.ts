/**
 * Introspects the Express routers to list the (method, path template) pairs Baton serves,
 * normalized so they compare with OpenAPI templates: `/task/:id` and `/task/{id}` both become
 * `/task/{}`. This is how the coverage list and the 501 handler know what is implemented,
 * without a second hand-kept list that could drift.
 */
import type { Router } from 'express';

interface Layer {
  readonly route?: { readonly path: string | string[]; readonly methods: Record<string, boolean> };
  readonly handle: { readonly stack?: Layer[] };
  readonly rawPath?: string;
}

/** Normalizes a template: parameters become `{}`. */
export function normalizeTemplate(path: string): string {
  return path.replace(/:[A-Za-z0-9_]+/g, '{}').replace(/\{[^}]+\}/g, '{}');
}

/** `METHOD /template` keys of every route in the router (recursively, prefix-less mounts). */
export function routeKeys(router: Router): Set<string> {
  const keys = new Set<string>();
  const walk = (stack: Layer[]) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const method of Object.keys(layer.route.methods)) for (const p of paths) keys.add(`${method.toUpperCase()} ${normalizeTemplate(p)}`);
      } else if (layer.handle.stack && (!layer.rawPath || layer.rawPath === '/')) {
        walk(layer.handle.stack);
      }
    }
  };
  walk((router as unknown as { stack: Layer[] }).stack);
  return keys;
}
