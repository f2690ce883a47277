/**
 * Message correlation and signals (Camunda 7 request and response shapes): `POST /message`
 * correlates to waiting executions or starts instances at message start events, `POST /signal`
 * broadcasts. Access: delivering to an instance needs UPDATE_INSTANCE on its definition,
 * starting one CREATE_INSTANCE — checked inside the engine's transaction before anything moves.
 */
import { Router, type Request } from 'express';
import { variablesFromWire, type Authorize, type CorrelationResult, type VariableMap } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { body } from '../../http/params';
import { requireDefinition } from '../../auth/guards';
import { instanceDto, variablesDto } from '../process-instance/instance-dto';

function requireName(value: unknown, what: string): string {
  if (typeof value !== 'string' || value === '') throw new HttpError(400, 'InvalidRequestException', `No ${what} name given`);
  return value;
}

function optionalString(b: Record<string, unknown>, key: string): string | undefined {
  const v = b[key];
  if (v === undefined || v === null || v === '') return undefined;
  if (typeof v !== 'string') throw new HttpError(400, 'InvalidRequestException', `${key} must be a string`);
  return v;
}

function tenant(b: Record<string, unknown>): { tenantId?: string | null } {
  if (b.withoutTenantId === true) return { tenantId: null };
  const id = optionalString(b, 'tenantId');
  return id === undefined ? {} : { tenantId: id };
}

/** The access check the engine runs per matched definition. */
export function authorizeEvents(req: Request): Authorize {
  return (key, starts) => {
    requireDefinition(req, key, starts ? 'CREATE_INSTANCE' : 'UPDATE_INSTANCE');
  };
}

/** Message and signal routes. */
export function messageRoutes(ctx: ApiContext): Router {
  const r = Router();

  const resultDto = async (req: Request, c: CorrelationResult, withVariables: boolean) => {
    const i = c.instance;
    const variables = withVariables ? variablesDto(i.variables) : {};
    // The one that does not apply is left out: Camunda's schema types both as objects.
    return {
      resultType: c.resultType,
      ...(c.resultType === 'ProcessDefinition'
        ? { processInstance: instanceDto(req, { id: i.instanceId, definitionId: i.definitionId, businessKey: i.businessKey, ended: i.ended, suspended: i.suspended, tenantId: null }) }
        : { execution: { id: c.executionId, processInstanceId: i.instanceId, ended: i.ended, tenantId: null } }),
      ...(withVariables ? { variables } : {}),
    };
  };

  r.post('/message', async (req, res) => {
    const b = body(req);
    const messageName = requireName(b.messageName, 'message');
    const vars = (key: string): VariableMap => variablesFromWire(b[key]);
    if (b.processInstanceId && b.tenantId) throw new HttpError(400, 'InvalidRequestException', 'processInstanceId and tenantId cannot be combined');
    const results = await ctx.engine.events.correlate({
      messageName, businessKey: optionalString(b, 'businessKey') ?? null, processInstanceId: optionalString(b, 'processInstanceId') ?? null,
      correlationKeys: vars('correlationKeys'), localCorrelationKeys: vars('localCorrelationKeys'),
      processVariables: vars('processVariables'), processVariablesLocal: vars('processVariablesLocal'),
      all: b.all === true, ...tenant(b), authorize: authorizeEvents(req),
    });
    const withVariables = b.variablesInResultEnabled === true;
    if (b.resultEnabled !== true && !withVariables) return sendNoContent(res);
    sendJson(res, await Promise.all(results.map((c) => resultDto(req, c, withVariables))));
  });

  r.post('/signal', async (req, res) => {
    const b = body(req);
    const name = requireName(b.name, 'signal');
    const executionId = optionalString(b, 'executionId');
    await ctx.engine.events.signal({ name, variables: variablesFromWire(b.variables), ...(executionId ? { executionId } : {}), ...tenant(b), authorize: authorizeEvents(req) });
    sendNoContent(res);
  });
  return r;
}
