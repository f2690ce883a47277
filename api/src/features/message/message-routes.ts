/**
 * Message correlation and signals (Camunda 7 request and response shapes). Message and signal
 * events arrive with the events issue; until then every element that could wait for a message
 * or signal is rejected at deploy time, so no subscription can exist: correlation answers as
 * Camunda does when nothing matches, and a broadcast signal reaches no one. Bodies are fully
 * validated (names, typed variables, target execution) so clients get the same errors as later.
 */
import { Router } from 'express';
import { NotFoundError, variablesFromWire } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { body } from '../../http/params';

function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new HttpError(400, 'InvalidRequestException', `No ${what} name given`);
  return value;
}

/** Message and signal routes. */
export function messageRoutes(ctx: ApiContext): Router {
  const r = Router();

  r.post('/message', (req, res) => {
    const b = body(req);
    const name = requireName(b.messageName, 'message');
    for (const key of ['correlationKeys', 'localCorrelationKeys', 'processVariables', 'processVariablesLocal']) variablesFromWire(b[key]);
    if (b.all === true) {
      if (b.resultEnabled === true) sendJson(res, []);
      else sendNoContent(res);
      return;
    }
    throw new HttpError(400, 'RestException', `Cannot correlate message '${name}': No process definition or execution matches the parameters`);
  });

  r.post('/signal', async (req, res) => {
    const b = body(req);
    requireName(b.name, 'signal');
    variablesFromWire(b.variables);
    if (typeof b.executionId === 'string' && b.executionId) {
      const found = await ctx.store.pool.query(
        `SELECT 1 FROM process_instance p WHERE p.id = $1 OR p.state->'tokens' @> jsonb_build_array(jsonb_build_object('id', $1::text))`,
        [b.executionId],
      );
      if (found.rowCount === 0) throw new NotFoundError(`Cannot find execution with id '${b.executionId}'`);
      throw new HttpError(400, 'InvalidRequestException', `Execution '${b.executionId}' has not subscribed to signal '${String(b.name)}'`);
    }
    sendNoContent(res);
  });
  return r;
}
