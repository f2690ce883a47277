import { describe, expect, it } from 'vitest';
import { parseRoute, routeHash, type Route } from '../src/app/router';

describe('routes', () => {
  it('round-trips every route', () => {
    const routes: Route[] = [
      { name: 'editor', definitionId: null }, { name: 'editor', definitionId: 'a:1:x' }, { name: 'processes' },
      { name: 'definition', id: 'approval:2:abc' }, { name: 'instance', id: 'i/1' },
    ];
    for (const r of routes) expect(parseRoute(routeHash(r))).toEqual(r);
  });

  it('opens the editor for unknown hashes', () => {
    expect(parseRoute('')).toEqual({ name: 'editor', definitionId: null });
    expect(parseRoute('#/nope')).toEqual({ name: 'editor', definitionId: null });
    expect(parseRoute('#/definition')).toEqual({ name: 'editor', definitionId: null });
  });
});
