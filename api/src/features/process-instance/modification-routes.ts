/**
 * `POST /process-instance/{id}/modification` (Camunda 7's ProcessInstanceModificationDto):
 * start before/after an activity, on a transition, or cancel activity / transition instances,
 * in order, in one engine command.
 */
import { Router } from 'express';
import { NotFoundError, variablesFromWire, type ModificationInstruction } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { sendNoContent } from '../../http/json';
import { body } from '../../http/params';
import { requireDefinition } from '../../auth/guards';
import { HttpError } from '../../http/error-mapping';

type Wire = Record<string, unknown>;

/** The modification route. */
export function modificationRoutes(ctx: ApiContext): Router {
  const r = Router();
  r.post('/process-instance/:id/modification', async (req, res) => {
    const id = String(req.params.id);
    const instance = await ctx.engine.reads.getInstance(id);
    if (!instance) throw new NotFoundError(`Process instance with id ${id} does not exist`);
    requireDefinition(req, instance.definitionKey, 'UPDATE_INSTANCE');
    const b = body(req);
    const instructions = Array.isArray(b.instructions) ? (b.instructions as Wire[]).map(instruction) : [];
    if (instructions.length === 0) throw new HttpError(400, 'InvalidRequestException', 'Modification instructions are required');
    await ctx.engine.modifyProcessInstance(id, instructions, {
      skipCustomListeners: b.skipCustomListeners === true,
      skipIoMappings: b.skipIoMappings === true,
      annotation: typeof b.annotation === 'string' ? b.annotation : null,
    });
    sendNoContent(res);
  });
  return r;
}

/** One wire instruction → engine instruction; a missing required id is a 400, as in Camunda. */
function instruction(w: Wire, index: number): ModificationInstruction {
  const text = (name: string) => (typeof w[name] === 'string' && w[name] !== '' ? (w[name] as string) : undefined);
  const required = (name: string) => {
    const value = text(name);
    if (!value) throw new HttpError(400, 'InvalidRequestException', `Instruction ${index + 1} (${String(w.type)}): '${name}' must be set`);
    return value;
  };
  const ancestorActivityInstanceId = text('ancestorActivityInstanceId');
  const start = { ...(ancestorActivityInstanceId ? { ancestorActivityInstanceId } : {}), ...startVariables(w.variables) };
  switch (w.type) {
    case 'startBeforeActivity':
    case 'startAfterActivity':
      return { type: w.type, activityId: required('activityId'), ...start };
    case 'startTransition':
      return { type: 'startTransition', transitionId: required('transitionId'), ...start };
    case 'cancel': {
      const ids = { activityId: text('activityId'), activityInstanceId: text('activityInstanceId'), transitionInstanceId: text('transitionInstanceId') };
      if (!ids.activityId && !ids.activityInstanceId && !ids.transitionInstanceId) {
        throw new HttpError(400, 'InvalidRequestException', `Instruction ${index + 1} (cancel): one of 'activityId', 'activityInstanceId', 'transitionInstanceId' must be set`);
      }
      return { type: 'cancel', ...Object.fromEntries(Object.entries(ids).filter(([, v]) => v)) };
    }
    default:
      throw new HttpError(400, 'InvalidRequestException', `Instruction ${index + 1}: unknown type '${String(w.type)}'`);
  }
}

/** Camunda's TriggerVariableValueDto map: `local: true` entries go onto the started scope only. */
function startVariables(wire: unknown): { variables?: ReturnType<typeof variablesFromWire>; localVariables?: ReturnType<typeof variablesFromWire> } {
  if (!wire || typeof wire !== 'object') return {};
  const entries = Object.entries(wire as Record<string, Wire>);
  const pick = (local: boolean) => Object.fromEntries(entries.filter(([, v]) => (v?.local === true) === local));
  return { variables: variablesFromWire(pick(false)), localVariables: variablesFromWire(pick(true)) };
}
