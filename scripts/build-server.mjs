/**
 * `npm start` runs the server as one bundled file: api/src/main.ts and the workspace packages it
 * imports (TypeScript) bundled by esbuild into api/.build/server.mjs; npm dependencies stay
 * external and load from node_modules. Why: running the sources through tsx costs about 75 MB of
 * memory in the server process (transform caches, the loader) and a second process; a bundle
 * needs neither. Usage: node scripts/build-server.mjs [entry] [outfile]
 */
import { build } from 'esbuild';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const entry = resolve(root, process.argv[2] ?? 'api/src/main.ts');
const outfile = resolve(root, process.argv[3] ?? 'api/.build/server.mjs');

/** Bare imports stay external (node_modules), except our workspaces and JSON resources, which are bundled. */
const externalDependencies = {
  name: 'external-dependencies',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@baton/') || args.path.endsWith('.json') ? undefined : { path: args.path, external: true }));
  },
};

await build({
  entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'esm', target: 'node20',
  plugins: [externalDependencies], sourcemap: 'linked', logLevel: 'warning',
});
