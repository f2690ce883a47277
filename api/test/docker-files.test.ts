/**
 * No Docker engine runs on the CI machines, so the docker files are checked by reading them:
 * the compose file parses and wires N stateless nodes to one PostgreSQL, the Dockerfile builds
 * from files that exist and starts the same entry point as `npm start`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const ROOT = resolve(import.meta.dirname, '..', '..');
const read = (p: string) => readFileSync(resolve(ROOT, p), 'utf8');

describe('docker files', () => {
  it('compose: PostgreSQL plus scalable Baton nodes configured through DATABASE_URL', () => {
    const compose = parse(read('docker/compose.yaml')) as { services: Record<string, any> };
    const { postgres, baton, proxy } = compose.services;
    expect(postgres.image).toMatch(/^postgres:/);
    expect(baton.environment.DATABASE_URL).toMatch(/^postgres:\/\/baton:baton@postgres:5432\/baton$/);
    expect(baton.depends_on.postgres.condition).toBe('service_healthy');
    expect(baton.ports).toBeUndefined(); // scaled nodes must not fight over a host port
    expect(proxy.ports).toEqual(['8080:8080']);
    expect(existsSync(resolve(ROOT, 'docker', baton.build.context, baton.build.dockerfile))).toBe(true);
    expect(read('docker/nginx.conf')).toContain('proxy_pass http://baton_nodes');
  });

  it('Dockerfile: copies only existing workspace manifests and runs the server entry point', () => {
    const dockerfile = read('docker/Dockerfile');
    for (const m of dockerfile.matchAll(/^COPY (?!--from)(\S+) /gm)) {
      for (const src of m[1]!.split(' ')) if (src !== '.') expect(existsSync(resolve(ROOT, src)), src).toBe(true);
    }
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile)![1]!;
    const args = JSON.parse(cmd) as string[];
    // The image runs the bundle the build stage makes, as `npm start` does.
    const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toContain(`node ${args.at(-1)!}`);
    expect(dockerfile).toContain('npm run build:web && npm run build:server');
    expect(pkg.scripts['build:server']).toBe('node scripts/build-server.mjs');
    expect(existsSync(resolve(ROOT, 'scripts', 'build-server.mjs'))).toBe(true);
    expect(pkg.scripts['build:web']).toBeDefined();
  });
});
