/**
 * Baton's OpenAPI document at /engine-rest/openapi.json and an interactive docs page
 * (Swagger UI, served from the swagger-ui-dist package) at /engine-rest/docs. Both public.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import express, { Router } from 'express';
import { OPENAPI_DIR } from './camunda-operations';

const require = createRequire(import.meta.url);

const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Baton REST API</title>
<link rel="stylesheet" href="./swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="./swagger-ui-bundle.js"></script>
<script>window.ui = SwaggerUIBundle({ url: '../openapi.json', dom_id: '#swagger-ui', withCredentials: true });</script>
</body></html>`;

/** Routes of the document and the docs page. */
export function docsRoutes(): Router {
  const r = Router();
  const doc = readFileSync(resolve(OPENAPI_DIR, 'baton-openapi.json'));
  r.get('/openapi.json', (_req, res) => {
    res.setHeader('Content-Type', 'application/json');
    res.end(doc);
  });
  r.get('/docs', (req, res, next) => (req.originalUrl.endsWith('/') ? next() : res.redirect(`${req.originalUrl}/`)));
  r.get('/docs/', (_req, res) => res.type('html').send(PAGE));
  r.use('/docs', express.static(dirname(require.resolve('swagger-ui-dist/package.json')), { index: false }));
  return r;
}
