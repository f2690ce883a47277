/**
 * Jobs (Camunda 7 REST): query and count (GET/POST), get, stacktrace, retries, due date,
 * execute, suspend/activate, priority. Commands go through the engine (instance lock);
 * queries read the job table directly.
 */
import { Router, type Request } from 'express';
import { requireDefinition, restrictByDefinitionKey } from '../../auth/guards';
import { NotFoundError, parseCamundaDate, type JobRecord } from '@baton/engine';
import { DATE_FIELDS, fromRow } from '@baton/engine/postgres';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson, sendNoContent } from '../../http/json';
import { body, bool, int, list, sort, str } from '../../http/params';
import { SqlFilter } from '../../http/sql-filter';
import { addTenantConditions } from '../../http/tenant-filter';
import { mountListRoutes } from '../../http/list-routes';
import { jobDto } from './job-dto';

const SORT = {
  jobId: 'id', executionId: 'token_id', processInstanceId: 'process_instance_id', processDefinitionId: 'definition_id',
  processDefinitionKey: 'definition_key', jobPriority: 'priority', jobRetries: 'retries', jobDueDate: 'due_at', tenantId: 'tenant_id',
};

/** jobDefinitionId (job-dto.ts) computed in SQL: the same hash of definition, element and job kind. */
const JOB_DEFINITION_ID_SQL = `substr(encode(sha256(convert_to(definition_id, 'UTF8') || '\\x00'::bytea || convert_to(element_id, 'UTF8')
  || '\\x00'::bytea || convert_to(handler_type, 'UTF8') || '\\x00'::bytea || convert_to(handler_config, 'UTF8')), 'hex'), 1, 32)`;

/** Jobs are visible with READ_INSTANCE on their definition (as incidents and instances). */
function filter(req: Request, q: Record<string, unknown>): SqlFilter {
  const f = new SqlFilter();
  restrictByDefinitionKey(req, f, 'READ_INSTANCE');
  addTenantConditions(f, q, 'tenant_id', 'includeJobsWithoutTenantId');
  return f
    .add('id = ?', str(q, 'jobId'))
    .add('id = ANY(?)', list(q, 'jobIds'))
    .add('process_instance_id = ?', str(q, 'processInstanceId'))
    .add('process_instance_id = ANY(?)', list(q, 'processInstanceIds'))
    .add('token_id = ?', str(q, 'executionId'))
    .add('definition_id = ?', str(q, 'processDefinitionId'))
    .add('definition_key = ?', str(q, 'processDefinitionKey'))
    .add('element_id = ?', str(q, 'activityId'))
    .add('element_id = ?', str(q, 'failedActivityId'))
    .add(`${JOB_DEFINITION_ID_SQL} = ?`, str(q, 'jobDefinitionId'))
    .add('exception_message = ?', str(q, 'exceptionMessage'))
    .add('priority >= ?', int(q, 'priorityHigherThanOrEquals'))
    .add('priority <= ?', int(q, 'priorityLowerThanOrEquals'))
    .when(bool(q, 'withRetriesLeft'), 'retries > 0')
    .when(bool(q, 'noRetriesLeft'), 'retries = 0')
    .when(bool(q, 'executable'), 'retries > 0 AND due_at <= now()')
    .when(bool(q, 'timers'), "handler_type LIKE 'timer%'")
    .when(bool(q, 'messages'), "handler_type = 'async-continuation'")
    .when(bool(q, 'withException'), 'exception_message IS NOT NULL')
    .when(bool(q, 'active'), 'NOT suspended')
    .when(bool(q, 'suspended'), 'suspended');
}

/** Job routes. */
export function jobRoutes(ctx: ApiContext): Router {
  const r = Router();
  const pool = ctx.store.pool;
  const requireJob = async (req: Request, permission: 'READ_INSTANCE' | 'UPDATE_INSTANCE' = 'READ_INSTANCE') => {
    const job = await ctx.engine.reads.getJob(String(req.params.id));
    if (!job) throw new NotFoundError(`Job with id ${String(req.params.id)} does not exist`);
    requireDefinition(req, job.definitionKey, permission);
    return job;
  };

  mountListRoutes(r, '/job', pool, ctx.config.maxResults, {
    from: 'job', filter, order: (q) => sort(q, SORT, 'id'), dto: (row) => jobDto(fromRow<JobRecord>(row, DATE_FIELDS.job)),
  });
  r.get('/job/:id', async (req, res) => sendJson(res, jobDto(await requireJob(req))));
  r.get('/job/:id/stacktrace', async (req, res) => {
    const job = await requireJob(req);
    if (!job.exceptionStacktrace) throw new NotFoundError(`Job with id ${req.params.id} has no exception stacktrace`);
    res.status(200).setHeader('Content-Type', 'text/plain');
    res.end(job.exceptionStacktrace);
  });
  r.put('/job/:id/retries', async (req, res) => {
    const retries = body(req).retries;
    if (!Number.isInteger(retries)) throw new HttpError(400, 'InvalidRequestException', "'retries' must be an integer");
    await requireJob(req, 'UPDATE_INSTANCE');
    await ctx.engine.jobs.setRetries(req.params.id, retries as number);
    sendNoContent(res);
  });
  r.put('/job/:id/duedate', async (req, res) => {
    const raw = body(req).duedate;
    const due = raw === null || raw === undefined ? null : typeof raw === 'string' ? parseCamundaDate(raw) : null;
    if (raw !== null && raw !== undefined && !due) throw new HttpError(400, 'InvalidRequestException', `'duedate' is not a date: ${String(raw)}`);
    await requireJob(req, 'UPDATE_INSTANCE');
    await ctx.engine.jobs.setDueDate(req.params.id, due);
    sendNoContent(res);
  });
  r.post('/job/:id/duedate/recalculate', async (req, res) => {
    const creationDateBased = bool(req.query, 'creationDateBased') ?? false;
    await requireJob(req, 'UPDATE_INSTANCE');
    await ctx.engine.jobs.recalculateDueDate(req.params.id, creationDateBased);
    sendNoContent(res);
  });
  r.post('/job/:id/execute', async (req, res) => {
    await requireJob(req, 'UPDATE_INSTANCE');
    const outcome = await ctx.engine.jobs.execute(req.params.id);
    if (outcome.status === 'gone') throw new NotFoundError(`Job with id ${req.params.id} does not exist`);
    if (outcome.status === 'failed') {
      const message = outcome.error instanceof Error ? outcome.error.message : String(outcome.error);
      throw new HttpError(500, 'ProcessEngineException', message);
    }
    sendNoContent(res);
  });
  r.put('/job/:id/suspended', async (req, res) => {
    const suspended = body(req).suspended;
    if (typeof suspended !== 'boolean') throw new HttpError(400, 'InvalidRequestException', "'suspended' must be true or false");
    await requireJob(req, 'UPDATE_INSTANCE');
    await ctx.engine.jobs.setSuspended(req.params.id, suspended);
    sendNoContent(res);
  });
  // Camunda's updateSuspensionStateBy: every job of a job definition, instance or definition.
  // Each job changes in its own command (under its instance's lock); all are authorized first.
  r.put('/job/suspended', async (req, res) => {
    const b = body(req);
    if (typeof b.suspended !== 'boolean') throw new HttpError(400, 'InvalidRequestException', "'suspended' must be true or false");
    const selectors = ['jobDefinitionId', 'processInstanceId', 'processDefinitionId', 'processDefinitionKey'].filter((k) => typeof b[k] === 'string' && b[k] !== '');
    if (selectors.length !== 1) {
      throw new HttpError(400, 'InvalidRequestException', 'Exactly one of jobDefinitionId, processInstanceId, processDefinitionId or processDefinitionKey is required');
    }
    const [selector] = selectors as [string];
    const value = String(b[selector]);
    const f = new SqlFilter()
      .add('process_instance_id = ?', selector === 'processInstanceId' ? value : undefined)
      .add('definition_id = ?', selector === 'processDefinitionId' ? value : undefined)
      .add('definition_key = ?', selector === 'processDefinitionKey' ? value : undefined)
      .add(`${JOB_DEFINITION_ID_SQL} = ?`, selector === 'jobDefinitionId' ? value : undefined);
    const rows = (await ctx.store.pool.query(`SELECT * FROM job ${f.where} ORDER BY id`, f.params)).rows;
    const jobs = rows.map((row) => fromRow<JobRecord>(row, DATE_FIELDS.job));
    for (const key of new Set(jobs.map((j) => j.definitionKey))) requireDefinition(req, key, 'UPDATE_INSTANCE');
    for (const job of jobs) if (job.suspended !== b.suspended) await ctx.engine.jobs.setSuspended(job.id, b.suspended);
    sendNoContent(res);
  });
  r.put('/job/:id/priority', async (req, res) => {
    const priority = body(req).priority;
    if (!Number.isInteger(priority)) throw new HttpError(400, 'InvalidRequestException', "'priority' must be an integer");
    await requireJob(req, 'UPDATE_INSTANCE');
    await ctx.engine.jobs.setPriority(req.params.id, priority as number);
    sendNoContent(res);
  });
  return r;
}
