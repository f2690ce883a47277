/**
 * Telemetry configuration (Camunda 7). Baton sends no telemetry anywhere, so it reports
 * `enableTelemetry: false` and refuses to enable it rather than pretending to.
 */
import { Router } from 'express';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { body } from '../../http/params';
import { requireAdmin } from '../../auth/guards';

/** Telemetry routes. */
export function telemetryRoutes(_ctx: ApiContext): Router {
  const r = Router();
  r.get('/telemetry/configuration', (_req, res) => sendJson(res, { enableTelemetry: false }));
  r.post('/telemetry/configuration', (req, res) => {
    requireAdmin(req, 'configure telemetry');
    if (body(req).enableTelemetry === true) throw new HttpError(400, 'InvalidRequestException', 'Baton does not collect or send telemetry; it cannot be enabled.');
    sendNoContent(res);
  });
  return r;
}
