/**
 * Where the repository is, for files the server reads at run time (OpenAPI documents, example
 * processes, built web apps). Why a search instead of a fixed `../..`: the server runs both from
 * its sources (tests, tsx) and as one bundled file (`npm start`, api/.build/server.mjs), and the
 * two sit at different depths.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { workspaces?: unknown }).workspaces) return dir;
    if (dirname(dir) === dir) throw new Error(`Cannot find the Baton repository (a package.json with workspaces) above ${from}`);
  }
}

/** The repository root (the folder of the workspaces' package.json). */
export const REPO_ROOT = findRoot(import.meta.dirname);
