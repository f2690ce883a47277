/**
 * Serves the built web apps: the tasklist at /tasklist and the modeler at /modeler, each a
 * single-page app (unknown paths below them fall back to index.html). `/` redirects to the
 * tasklist. When an app has not been built, its path answers 503 saying how to build it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './paths';
import express, { type Express } from 'express';

const ROOT = REPO_ROOT;

/** Mounts the web apps found in `<workspace>/dist`. */
export function mountWebApps(app: Express): void {
  for (const name of ['tasklist', 'modeler']) {
    const dist = join(ROOT, name, 'dist');
    const index = join(dist, 'index.html');
    app.use(`/${name}`, express.static(dist, { index: 'index.html', fallthrough: true, maxAge: '1h' }));
    app.get(`/${name}{/*rest}`, (_req, res) => {
      if (existsSync(index)) {
        res.setHeader('Cache-Control', 'no-cache');
        res.sendFile(index);
      } else {
        res.status(503).type('text/plain').send(`The ${name} has not been built: run \`npm run build:web\`.`);
      }
    });
  }
  app.get('/', (_req, res) => res.redirect('/tasklist/'));
}
