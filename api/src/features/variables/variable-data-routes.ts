/**
 * Binary variable data (Camunda's `…/variables/{name}/data`): download the bytes of a File
 * or Bytes variable, and upload one as multipart/form-data (`data` = the file, `valueType` =
 * File, or Bytes — Camunda's default).
 * Process instance, execution-local, task and task-local variables; variable instances and
 * historic variable instances (download only).
 */
import { Router, type Request, type RequestHandler, type Response } from 'express';
import multer from 'multer';
import { bytesValueFromWire, fileValueFromBytes, isFileValue, MAX_FILE_VARIABLE_BYTES, NotFoundError, type VariableMap, type VariableRecord } from '@baton/engine';
import { fromRow, readVariableFile } from '@baton/engine/postgres';
import { SqlFilter } from '../../http/sql-filter';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendNoContent } from '../../http/json';
import { requireDefinition, restrictByDefinitionKey } from '../../auth/guards';
import { instanceFor, taskFor } from './variable-access';
import { scopeExecution } from './variable-routes';

const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_FILE_VARIABLE_BYTES, files: 1, fields: 5, fieldSize: 1024 } });

/** Parses the multipart body; an oversized file is a 400 naming the limit. */
const readUpload: RequestHandler = (req, res, next) => {
  upload.single('data')(req, res, (err: unknown) => {
    const code = (err as { code?: string } | undefined)?.code;
    if (code === 'LIMIT_FILE_SIZE') return next(new HttpError(400, 'InvalidRequestException', `File too large: a file variable may hold at most ${MAX_FILE_VARIABLE_BYTES} bytes`));
    if (err) return next(new HttpError(400, 'InvalidRequestException', `Invalid multipart upload: ${(err as Error).message}`));
    return next();
  });
};

/** The uploaded value of the request: `valueType` File or Bytes (the default, as in Camunda). */
function uploadedFile(req: Request, name: string): VariableMap {
  const file = req.file;
  if (!file) throw new HttpError(400, 'InvalidRequestException', "Multipart form field 'data' (the file) is missing");
  const valueType = String((req.body as Record<string, unknown> | undefined)?.valueType ?? 'Bytes').toLowerCase();
  if (valueType === 'bytes') return { [name]: { type: 'Bytes', value: bytesValueFromWire(name, file.buffer.toString('base64')) } };
  if (valueType !== 'file') {
    throw new HttpError(400, 'InvalidRequestException', `Unsupported valueType '${valueType}' for binary data: use File or Bytes (serialized Java objects are not supported)`);
  }
  const [mimeType, charset] = file.mimetype.split(/;\s*charset=/i);
  return { [name]: { type: 'File', value: fileValueFromBytes(name, file.buffer, { filename: file.originalname || null, mimeType: mimeType || null, encoding: charset ?? null }) } };
}

/** Sends the bytes of a File or Bytes variable; 400 for other types, as Camunda. */
export async function sendVariableData(ctx: ApiContext, res: Response, v: Pick<VariableRecord, 'id' | 'type' | 'value'>): Promise<void> {
  if (v.type === 'Bytes' && typeof v.value === 'string') {
    res.setHeader('Content-Type', 'application/octet-stream');
    res.end(Buffer.from(v.value, 'base64'));
    return;
  }
  if (v.type !== 'File' || !isFileValue(v.value)) throw new HttpError(400, 'InvalidRequestException', `Value of variable with id ${v.id} is not a binary value.`);
  const bytes = await readVariableFile(ctx.store.pool, v.value.fileId);
  if (!bytes) throw new NotFoundError(`The content of file variable ${v.id} is gone`);
  const type = v.value.mimeType ?? 'application/octet-stream';
  res.setHeader('Content-Type', v.value.encoding ? `${type}; charset=${v.value.encoding}` : type);
  res.setHeader('Content-Disposition', `attachment; filename="${(v.value.filename ?? 'data').replace(/["\r\n]/g, '')}"`);
  res.end(bytes);
}

function named(vars: readonly VariableRecord[] | null, name: string, what: string): VariableRecord {
  const v = (vars ?? []).find((x) => x.name === name);
  if (!v) throw new NotFoundError(`${what} variable with name ${name} does not exist`);
  return v;
}

/** /data routes. */
export function variableDataRoutes(ctx: ApiContext): Router {
  const r = Router();
  const engine = ctx.engine;
  const instance = (req: Request, id: string, permission: 'READ_INSTANCE' | 'UPDATE_INSTANCE') => instanceFor(engine, req, id, permission);
  const task = (req: Request, id: string, write: boolean) => taskFor(engine, req, id, write);
  const localOf = async (instanceId: string, scopeId: string) => (await engine.reads.instanceVariables(instanceId)).filter((v) => v.scopeId === scopeId);

  r.get('/process-instance/:id/variables/:varName/data', async (req, res) => {
    const i = await instance(req, String(req.params.id), 'READ_INSTANCE');
    await sendVariableData(ctx, res, named(await localOf(i.id, i.id), String(req.params.varName), 'process instance'));
  });
  /**
   * POST …/:id/…/:varName/data: `authorize` checks the permission and answers the instance of
   * scope `:id` before the upload is read (no one streams a file in vain); the file becomes a
   * variable of that scope (`local`: never of an outer one).
   */
  const upload = (path: string, local: boolean, authorize: (req: Request) => Promise<string>) =>
    r.post(path, async (req, res, next) => {
      res.locals.instanceId = await authorize(req);
      next();
    }, readUpload, async (req, res) => {
      const modifications = uploadedFile(req, String(req.params.varName));
      await engine.modifyVariables(String(res.locals.instanceId), String(req.params.id), { modifications, operationType: 'SetVariable' }, local);
      sendNoContent(res);
    });
  upload('/process-instance/:id/variables/:varName/data', true, async (req) => (await instance(req, String(req.params.id), 'UPDATE_INSTANCE')).id);

  r.get('/execution/:id/localVariables/:varName/data', async (req, res) => {
    const instanceId = await scopeExecution(ctx, req, String(req.params.id), 'READ_INSTANCE');
    await sendVariableData(ctx, res, named(await localOf(instanceId, String(req.params.id)), String(req.params.varName), 'execution'));
  });
  upload('/execution/:id/localVariables/:varName/data', true, (req) => scopeExecution(ctx, req, String(req.params.id)));

  for (const [segment, local] of [['variables', false], ['localVariables', true]] as const) {
    r.get(`/task/:id/${segment}/:varName/data`, async (req, res) => {
      const t = await task(req, String(req.params.id), false);
      const vars = local ? await localOf(t.instanceId, t.id) : await engine.visibleVariables(t.instanceId, t.id);
      await sendVariableData(ctx, res, named(vars, String(req.params.varName), 'task'));
    });
    upload(`/task/:id/${segment}/:varName/data`, local, async (req) => (await task(req, String(req.params.id), true)).instanceId);
  }
  r.get('/history/variable-instance/:id/data', async (req, res) => {
    const f = new SqlFilter().add('id = ?', String(req.params.id));
    restrictByDefinitionKey(req, f, 'READ_HISTORY', '(SELECT h.definition_key FROM history_process_instance h WHERE h.id = history_variable.process_instance_id)');
    const row = (await ctx.store.pool.query(`SELECT id, type, value FROM history_variable ${f.where}`, f.params)).rows[0] as Record<string, unknown> | undefined;
    if (!row) throw new NotFoundError(`Historic variable instance with Id '${String(req.params.id)}' does not exist.`);
    await sendVariableData(ctx, res, fromRow<VariableRecord>(row));
  });
  return r;
}
