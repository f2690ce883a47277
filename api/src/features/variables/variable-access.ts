/**
 * The access checks variable routes share: the process instance (per its definition's
 * permission) and the task (visible to read, workable to write), each 404 when missing.
 */
import type { Request } from 'express';
import { NotFoundError, type Engine, type InstanceRecord, type TaskRecord } from '@baton/engine';
import { requireDefinition, requireTaskVisible, requireTaskWork } from '../../auth/guards';

/** The instance, when the user holds `permission` on its definition. */
export async function instanceFor(engine: Engine, req: Request, id: string, permission: 'READ_INSTANCE' | 'UPDATE_INSTANCE'): Promise<InstanceRecord> {
  const i = await engine.reads.getInstance(id);
  if (!i) throw new NotFoundError(`Process instance with id ${id} does not exist`);
  requireDefinition(req, i.definitionKey, permission);
  return i;
}

/** The task, when the user may see it (`write`: work on it). */
export async function taskFor(engine: Engine, req: Request, id: string, write: boolean): Promise<TaskRecord> {
  const t = await engine.reads.getTask(id);
  if (!t) throw new NotFoundError(`Cannot find task with id ${id}`);
  if (write) requireTaskWork(req, t);
  else requireTaskVisible(req, t);
  return t;
}
