/**
 * For plan tests: the statements the store's batches send (engine/postgres/statement-batch.ts,
 * named and planned once per connection), and the generic plan PostgreSQL keeps for one.
 */
import pg from 'pg';
import type { BatchStatement } from '../../engine/postgres';

type QueryFn = (this: pg.Client, ...args: unknown[]) => unknown;
const prepareValue = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue;

/** A node of an EXPLAIN (FORMAT JSON) plan. */
export interface PlanNode {
  readonly 'Node Type': string;
  readonly 'Relation Name'?: string;
  readonly 'Index Name'?: string;
  /** With EXPLAIN ANALYZE. */
  readonly 'Actual Rows'?: number;
  readonly 'Rows Removed by Filter'?: number;
  readonly 'Rows Removed by Index Recheck'?: number;
  readonly Plans?: readonly PlanNode[];
}

/** Relations that `plan` reads by sequential scan, at any depth. */
export function seqScanRelations(plan: PlanNode): string[] {
  const own = plan['Node Type'] === 'Seq Scan' ? [plan['Relation Name'] ?? '?'] : [];
  return [...own, ...(plan.Plans ?? []).flatMap(seqScanRelations)];
}

/** Records the statements of every batch sent while `work` runs. */
export async function capturedBatches(work: () => Promise<unknown>): Promise<BatchStatement[]> {
  const proto = pg.Client.prototype as unknown as { query: QueryFn };
  const original = proto.query;
  const seen: BatchStatement[] = [];
  proto.query = function (this: pg.Client, ...args: unknown[]) {
    const cfg = args[0] as { statements?: BatchStatement[] };
    if (cfg && Array.isArray(cfg.statements)) seen.push(...cfg.statements);
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return seen;
}

/** The plan of `s` as prepared on `c` (with `plan_cache_mode = force_generic_plan` set: the generic one). */
export async function preparedPlan(c: pg.PoolClient, s: BatchStatement): Promise<PlanNode> {
  await c.query(`PREPARE probe AS ${s.sql}`);
  try {
    // EXECUTE takes no parameters of its own: the values go in as literals.
    const literal = (v: unknown) => (v === null || v === undefined ? 'NULL' : c.escapeLiteral(String(prepareValue(v))));
    const args = s.params.map(literal).join(', ');
    const res = await c.query(`EXPLAIN (FORMAT JSON) EXECUTE probe${args ? `(${args})` : ''}`);
    return (res.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode }] })['QUERY PLAN'][0].Plan;
  } finally {
    await c.query('DEALLOCATE probe');
  }
}
