/**
 * Task attachments (Camunda 7): a URL or uploaded content with a name, description and type.
 * GET /task/{id}/attachment, POST /task/{id}/attachment/create (multipart), GET and DELETE
 * /task/{id}/attachment/{attachmentId}, GET …/{attachmentId}/data. Reading needs what seeing
 * the task needs; adding and deleting what working on it needs. Adding and deleting are
 * logged in the user operation log, in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { formatCamundaDate, logUserOperation, NotFoundError, type TaskRecord, type UserOperationLogRecord } from '@baton/engine';
import { withUserOperations } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { selfLink } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { requireDefinition, requireTaskVisible, requireTaskWork } from '../../auth/guards';

const COLUMNS = 'id, task_id, process_instance_id, name, description, type, url, create_time';
const MAX_TEXT = 4000;

function attachmentDto(req: Request, row: Record<string, unknown>) {
  return {
    links: [selfLink(req, `/task/${String(row.task_id)}/attachment/${String(row.id)}`)],
    id: String(row.id), name: (row.name as string) ?? null, description: (row.description as string) ?? null, taskId: String(row.task_id),
    type: (row.type as string) ?? null, url: (row.url as string) ?? null, createTime: formatCamundaDate(row.create_time as Date), removalTime: null,
    rootProcessInstanceId: (row.process_instance_id as string) ?? null,
  };
}

function text(fields: Record<string, unknown>, name: string): string | null {
  const v = fields[name];
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string' || v.length > MAX_TEXT) throw new HttpError(400, 'InvalidRequestException', `'${name}' must be a text of at most ${MAX_TEXT} characters`);
  return v;
}

/** Attachment routes. */
export function attachmentRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: ctx.config.maxResourceBytes, files: 1, fields: 10, fieldSize: MAX_TEXT * 4 } });

  const openTask = async (req: Request): Promise<TaskRecord> => {
    const t = await ctx.engine.reads.getTask(String(req.params.id));
    if (!t) throw new NotFoundError(`No task found for task id ${String(req.params.id)}`);
    return t;
  };
  /**
   * The task whose attachments are read: an open task the user may see, or — as in Camunda,
   * where attachments outlive their task — a completed one, with READ_HISTORY on its definition.
   */
  const readableTask = async (req: Request): Promise<{ id: string }> => {
    const t = await ctx.engine.reads.getTask(String(req.params.id));
    if (t) {
      requireTaskVisible(req, t);
      return t;
    }
    const h = (await pool.query('SELECT id, definition_key FROM history_task WHERE id = $1', [String(req.params.id)])).rows[0] as { id: string; definition_key: string } | undefined;
    if (!h) throw new NotFoundError(`No task found for task id ${String(req.params.id)}`);
    requireDefinition(req, h.definition_key, 'READ_HISTORY');
    return h;
  };
  const one = async (req: Request) => {
    const t = await readableTask(req);
    const row = (await pool.query(`SELECT ${COLUMNS}, content IS NOT NULL AS has_content FROM task_attachment WHERE task_id = $1 AND id = $2`, [t.id, String(req.params.attachmentId)])).rows[0];
    if (!row) throw new NotFoundError(`Task attachment with id ${String(req.params.attachmentId)} does not exist for task id ${t.id}`);
    return { t, row: row as Record<string, unknown> };
  };
  const log = (t: TaskRecord, operationType: string, name: string | null): UserOperationLogRecord[] => {
    const entries: UserOperationLogRecord[] = [];
    const facts = { operationType, entityType: 'Attachment', category: 'TaskWorker', taskId: t.id, processInstanceId: t.instanceId, processDefinitionId: t.definitionId, processDefinitionKey: t.definitionKey } as const;
    logUserOperation(entries, facts, [{ property: 'name', newValue: name }], new Date());
    return entries;
  };
  // The permission is checked before the upload is read; an oversized upload is a 400.
  const mayAdd: RequestHandler = async (req, res, next) => {
    const t = await openTask(req);
    requireTaskWork(req, t);
    res.locals.task = t;
    upload.single('content')(req, res, (err: unknown) => {
      if ((err as { code?: string } | undefined)?.code === 'LIMIT_FILE_SIZE') return next(new HttpError(400, 'InvalidRequestException', `Attachment too large: at most ${ctx.config.maxResourceBytes} bytes`));
      return next(err ? new HttpError(400, 'InvalidRequestException', `Invalid multipart upload: ${(err as Error).message}`) : undefined);
    });
  };

  r.get('/task/:id/attachment', async (req, res) => {
    const t = await readableTask(req);
    const rows = await pool.query(`SELECT ${COLUMNS} FROM task_attachment WHERE task_id = $1 ORDER BY create_time, id`, [t.id]);
    sendJson(res, rows.rows.map((row) => attachmentDto(req, row)));
  });

  r.post('/task/:id/attachment/create', mayAdd, async (req, res) => {
    const t = res.locals.task as TaskRecord;
    const fields = (req.body ?? {}) as Record<string, unknown>;
    const [name, description, type, url] = ['attachment-name', 'attachment-description', 'attachment-type', 'url'].map((f) => text(fields, f));
    const content = req.file?.buffer ?? null;
    if (!url && !content) throw new HttpError(400, 'InvalidRequestException', "An attachment needs a 'url' or a 'content' file");
    const id = randomUUID();
    let row: Record<string, unknown> = {};
    await withUserOperations(pool, log(t, 'AddAttachment', name ?? null), async (client) => {
      row = (await client.query(
        `INSERT INTO task_attachment (id, task_id, process_instance_id, user_id, name, description, type, url, content) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING ${COLUMNS}`,
        [id, t.id, t.instanceId, requireTaskVisible(req, t).userId, name, description, type ?? req.file?.mimetype ?? null, url, content],
      )).rows[0] as Record<string, unknown>;
    });
    sendJson(res, attachmentDto(req, row));
  });

  r.get('/task/:id/attachment/:attachmentId', async (req, res) => {
    const { row } = await one(req);
    sendJson(res, attachmentDto(req, row));
  });

  r.get('/task/:id/attachment/:attachmentId/data', async (req, res) => {
    const { row } = await one(req);
    if (!row.has_content) throw new NotFoundError(`Attachment content for attachment with id ${String(row.id)} does not exist for task id ${String(row.task_id)}`);
    const content = (await pool.query('SELECT content FROM task_attachment WHERE id = $1', [row.id])).rows[0].content as Buffer;
    res.setHeader('Content-Type', 'application/octet-stream');
    res.setHeader('Content-Disposition', `attachment; filename="${String(row.name ?? 'attachment').replace(/["\r\n]/g, '')}"`);
    res.end(content);
  });

  r.delete('/task/:id/attachment/:attachmentId', async (req, res) => {
    const t = await openTask(req);
    requireTaskWork(req, t);
    const { row } = await one(req);
    await withUserOperations(pool, log(t, 'DeleteAttachment', (row.name as string) ?? null), async (client) => {
      await client.query('DELETE FROM task_attachment WHERE id = $1', [row.id]);
    });
    sendNoContent(res);
  });
  return r;
}
