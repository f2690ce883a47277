/**
 * The server bundle of another git revision, for side-by-side comparisons: the revision is
 * checked out into a temporary git worktree and bundled by its own scripts/build-server.mjs.
 * Its node_modules links every installed package of this checkout except the workspaces,
 * which link to the worktree's own folders, so the bundle holds that revision's engine and API
 * and the same npm dependencies as this checkout.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { ROOT } from './rest-server';

/** A built bundle of one revision and how to remove it. */
export interface RevisionServer {
  /** The commit the revision named. */
  readonly commit: string;
  /** Path of the server bundle (what `npm start` runs at that revision). */
  readonly bundle: string;
  remove(): void;
}

const WORKSPACE_SCOPE = '@baton';

/** Checks out and bundles `revision` (any name git accepts: HEAD, a branch, a commit). */
export function buildRevisionServer(revision: string): RevisionServer {
  const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  const commit = git('rev-parse', '--verify', `${revision}^{commit}`);
  const dir = join(mkdtempSync(join(tmpdir(), 'baton-bench-rev-')), 'tree');
  git('worktree', 'add', '--detach', dir, commit);
  const remove = () => {
    try {
      git('worktree', 'remove', '--force', dir);
    } finally {
      rmSync(join(dir, '..'), { recursive: true, force: true });
    }
  };
  try {
    linkDependencies(dir);
    const bundle = join(dir, 'api', '.build', 'server.mjs');
    execFileSync(process.execPath, [join(dir, 'scripts', 'build-server.mjs'), 'api/src/main.ts', bundle], { cwd: dir, stdio: 'pipe' });
    return { commit, bundle, remove };
  } catch (err) {
    try {
      remove();
    } catch {
      // the build's error is the one to report
    }
    throw err;
  }
}

/** node_modules of the worktree: this checkout's packages, the workspaces from the worktree. */
function linkDependencies(dir: string): void {
  const modules = join(dir, 'node_modules');
  mkdirSync(join(modules, WORKSPACE_SCOPE), { recursive: true });
  for (const entry of readdirSync(join(ROOT, 'node_modules'))) {
    if (entry !== WORKSPACE_SCOPE) symlinkSync(join(ROOT, 'node_modules', entry), join(modules, entry));
  }
  for (const name of readdirSync(join(ROOT, 'node_modules', WORKSPACE_SCOPE))) {
    const folder = basename(readlinkSync(join(ROOT, 'node_modules', WORKSPACE_SCOPE, name))); // ../../engine → engine
    symlinkSync(join(dir, folder), join(modules, WORKSPACE_SCOPE, name));
  }
}
