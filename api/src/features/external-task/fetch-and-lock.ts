/**
 * POST /external-task/fetchAndLock with long polling: when nothing can be locked and the
 * request has an asyncResponseTimeout, the response waits until a NOTIFY says tasks were
 * created or unlocked (then tries again), the timeout passes, or the client goes away. Lock
 * expiry sends no NOTIFY, so a waiting request also wakes when the earliest lock of its
 * topics expires, and re-checks every few seconds as a safety net (never a busy loop).
 */
import type { Request, Response } from 'express';
import type { FetchRequest } from '@baton/engine';
import type { ApiContext } from '../../http/context';
import { HttpError } from '../../http/error-mapping';
import { sendJson } from '../../http/json';
import { body } from '../../http/params';
import { definitionKeys } from '../../auth/guards';
import { lockedExternalTaskDto } from './external-task-dto';

const MAX_WAIT_MS = 30 * 60_000;
const RECHECK_MS = 5_000;

/** Parses Camunda's FetchExternalTasksDto. */
export function parseFetchRequest(b: Record<string, unknown>): FetchRequest & { asyncResponseTimeout: number } {
  const bad = (m: string) => new HttpError(400, 'InvalidRequestException', m);
  if (typeof b.workerId !== 'string' || !b.workerId) throw bad("'workerId' is required");
  if (!Number.isInteger(b.maxTasks) || (b.maxTasks as number) < 0) throw bad("'maxTasks' must be a non-negative integer");
  const topics = Array.isArray(b.topics) ? (b.topics as Array<Record<string, unknown>>) : [];
  return {
    workerId: b.workerId,
    maxTasks: b.maxTasks as number,
    usePriority: b.usePriority === true,
    asyncResponseTimeout: Number.isInteger(b.asyncResponseTimeout) ? Math.min(MAX_WAIT_MS, b.asyncResponseTimeout as number) : 0,
    topics: topics.map((t) => {
      if (typeof t.topicName !== 'string' || !Number.isInteger(t.lockDuration) || (t.lockDuration as number) <= 0) {
        throw bad("every topic needs a 'topicName' and a positive 'lockDuration'");
      }
      const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : undefined);
      return {
        topicName: t.topicName, lockDurationMs: t.lockDuration as number,
        variables: Array.isArray(t.variables) ? t.variables.map(String) : null, localVariables: t.localVariables === true,
        includeExtensionProperties: t.includeExtensionProperties === true,
        ...(typeof t.businessKey === 'string' ? { businessKey: t.businessKey } : {}),
        ...(typeof t.processDefinitionId === 'string' ? { processDefinitionIds: [t.processDefinitionId] } : {}),
        ...(strings(t.processDefinitionIdIn) ? { processDefinitionIds: strings(t.processDefinitionIdIn)! } : {}),
        ...(typeof t.processDefinitionKey === 'string' ? { processDefinitionKeys: [t.processDefinitionKey] } : {}),
        ...(strings(t.processDefinitionKeyIn) ? { processDefinitionKeys: strings(t.processDefinitionKeyIn)! } : {}),
        ...(t.processVariables && typeof t.processVariables === 'object' ? { processVariables: t.processVariables as Record<string, unknown> } : {}),
        ...(strings(t.tenantIdIn) ? { tenantIds: strings(t.tenantIdIn)! } : {}),
        ...(t.withoutTenantId === true ? { withoutTenantId: true } : {}),
        ...(typeof t.processDefinitionVersionTag === 'string' ? { processDefinitionVersionTag: t.processDefinitionVersionTag } : {}),
      };
    }),
  };
}

/** What a wait needs of the request: to notice the client going away. */
interface ClosingRequest {
  on(event: 'close', listener: () => void): unknown;
  off(event: 'close', listener: () => void): unknown;
}

/**
 * Wake-ups shared by all waiting requests of one server: one NOTIFY subscription. Why the
 * count of wake-ups: a NOTIFY can arrive after a request found nothing but before it starts
 * waiting; a request notes the count before it looks for tasks and waits only while the count
 * is unchanged, so that wake-up is never lost (it used to cost the request the whole wait).
 */
export class Waiters {
  private readonly waiting = new Set<() => void>();
  private subscribed: Promise<unknown> | null = null;
  private wakeUps = 0;

  constructor(private readonly ctx: Pick<ApiContext, 'store'>) {}

  /** Listens (once per server); resolves when NOTIFYs are being received. */
  listen(): Promise<unknown> {
    return (this.subscribed ??= this.ctx.store.externalTasks.subscribe(() => this.wakeAll()));
  }

  /** Wake-ups received so far. */
  get seen(): number {
    return this.wakeUps;
  }

  /** Waits up to `ms` for a wake-up after `since` (returns at once if one came already), or until the client leaves. */
  async wait(ms: number, req: ClosingRequest, since: number): Promise<void> {
    await this.listen();
    if (this.wakeUps !== since) return;
    await new Promise<void>((done) => {
      const finish = () => {
        clearTimeout(timer);
        this.waiting.delete(finish);
        req.off('close', finish);
        done();
      };
      const timer = setTimeout(finish, ms);
      this.waiting.add(finish);
      req.on('close', finish);
    });
  }

  private wakeAll(): void {
    this.wakeUps++;
    for (const w of [...this.waiting]) w();
  }
}

/** Workers lock only tasks of definitions they hold UPDATE_INSTANCE on. */
function onlyWorkable<T extends FetchRequest>(req: Request, request: T): T {
  const keys = definitionKeys(req, 'UPDATE_INSTANCE');
  if (keys === '*') return request;
  const topics = request.topics.map((t) => ({ ...t, processDefinitionKeys: (t.processDefinitionKeys ?? keys).filter((k) => keys.includes(k)) }));
  return { ...request, topics };
}

/** The fetchAndLock handler. */
export function fetchAndLockHandler(ctx: ApiContext) {
  const waiters = new Waiters(ctx);
  return async (req: Request, res: Response) => {
    const request = onlyWorkable(req, parseFetchRequest(body(req)));
    const deadline = Date.now() + request.asyncResponseTimeout;
    // Listening before the first look: a task created between that look and the wait wakes it.
    if (request.asyncResponseTimeout > 0) await waiters.listen();
    for (;;) {
      const since = waiters.seen;
      const locked = await ctx.engine.externalTasks.fetchAndLock(request);
      const left = deadline - Date.now();
      if (locked.length > 0 || left <= 0 || res.closed || req.socket.destroyed) {
        sendJson(res, locked.map(lockedExternalTaskDto));
        return;
      }
      // Lock expiry sends no NOTIFY: wake when the earliest lock of these topics runs out.
      const unlock = await ctx.store.externalTasks.nextUnlockInMs(request.topics.map((t) => t.topicName));
      await waiters.wait(Math.min(left, RECHECK_MS, unlock === null ? Infinity : unlock + 5), req, since);
    }
  };
}
