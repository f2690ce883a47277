/**
 * Task comments (Camunda 7): GET /task/{id}/comment, GET /task/{id}/comment/{commentId},
 * POST /task/{id}/comment/create. Only users who may see the task read or add comments.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request } from 'express';
import { formatCamundaDate, NotFoundError, type TaskRecord } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { selfLink } from '../../http/context';
import { sendJson } from '../../http/json';
import { body } from '../../http/params';
import { HttpError } from '../../http/error-mapping';
import { requireTaskVisible } from '../../auth/guards';

const MAX_MESSAGE = 4000;

function commentDto(req: Request, row: Record<string, unknown>) {
  return {
    links: [selfLink(req, `/task/${String(row.task_id)}/comment/${String(row.id)}`)],
    id: String(row.id), userId: (row.user_id as string) ?? null, taskId: String(row.task_id),
    processInstanceId: (row.process_instance_id as string) ?? null, rootProcessInstanceId: (row.process_instance_id as string) ?? null,
    time: formatCamundaDate(row.time as Date), message: String(row.message), removalTime: null,
  };
}

/** Comment routes. */
export function commentRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;

  const visibleTask = async (req: Request): Promise<TaskRecord> => {
    const t = await ctx.engine.reads.getTask(String(req.params.id));
    if (!t) throw new NotFoundError(`No task found for task id ${String(req.params.id)}`);
    requireTaskVisible(req, t);
    return t;
  };

  r.get('/task/:id/comment', async (req, res) => {
    const t = await visibleTask(req);
    const rows = await pool.query('SELECT * FROM task_comment WHERE task_id = $1 ORDER BY time, id', [t.id]);
    sendJson(res, rows.rows.map((row) => commentDto(req, row)));
  });

  r.get('/task/:id/comment/:commentId', async (req, res) => {
    const t = await visibleTask(req);
    const rows = await pool.query('SELECT * FROM task_comment WHERE task_id = $1 AND id = $2', [t.id, req.params.commentId]);
    if (!rows.rows[0]) throw new NotFoundError(`Task comment with id ${req.params.commentId} does not exist for task id ${t.id}`);
    sendJson(res, commentDto(req, rows.rows[0]));
  });

  r.post('/task/:id/comment/create', async (req, res) => {
    const t = await visibleTask(req);
    const p = requireTaskVisible(req, t);
    const message = body(req).message;
    if (typeof message !== 'string' || !message.trim()) throw new HttpError(400, 'InvalidRequestException', "A comment needs a non-empty 'message'");
    if (message.length > MAX_MESSAGE) throw new HttpError(400, 'InvalidRequestException', `A comment may have at most ${MAX_MESSAGE} characters`);
    const rows = await pool.query(
      'INSERT INTO task_comment (id, task_id, process_instance_id, user_id, time, message) VALUES ($1, $2, $3, $4, now(), $5) RETURNING *',
      [randomUUID(), t.id, t.instanceId, p.userId, message],
    );
    sendJson(res, commentDto(req, rows.rows[0]));
  });
  return r;
}
