/**
 * EXPLAIN of the statements that matter at scale (the engine's hot path, the task list):
 * which scans the plan uses, and whether any of them reads a large table sequentially.
 * SELECT, UPDATE and DELETE run with ANALYZE inside a rolled-back transaction; INSERTs (whose
 * rows may already exist) and the flush's checks (`baton_expect_…`, which raise by design once
 * the captured instance or definition has changed) are planned only.
 */
import type pg from 'pg';
import type { CapturedStatement } from './sql-trace';

/** Tables with more rows than this must not be read by a sequential scan. */
const LARGE_TABLE_ROWS = 10_000;

/** The verdict on one statement. */
export interface PlanCheck {
  readonly label: string;
  readonly statement: string;
  /** Scan nodes, e.g. "Index Scan using user_task_pkey on user_task". */
  readonly scans: readonly string[];
  /** Large tables read sequentially (empty when indexes are used). */
  readonly seqScansOnLargeTables: readonly string[];
  readonly indexesUsed: boolean;
  readonly executionMs: number | null;
  /** Rows each table-level scan passed on and discarded (filters, rechecks), when run with ANALYZE. */
  readonly reads?: readonly TableRead[];
  readonly error?: string;
}

/** What one scan of a table did under EXPLAIN ANALYZE (summed over its loops). */
export interface TableRead {
  readonly table: string;
  /** Rows the scan passed on to the node above. */
  readonly returned: number;
  /** Rows it read and discarded: its filter and, for bitmap scans, the recheck of lossy pages. */
  readonly removed: number;
}

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Index Name'?: string;
  'Actual Rows'?: number;
  'Actual Loops'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Index Recheck'?: number;
  Plans?: PlanNode[];
}

function walk(node: PlanNode, out: PlanNode[]): void {
  out.push(node);
  for (const child of node.Plans ?? []) walk(child, out);
}

function describe(n: PlanNode): string | null {
  if (!n['Relation Name'] && !n['Index Name']) return null;
  return `${n['Node Type']}${n['Index Name'] ? ` using ${n['Index Name']}` : ''}${n['Relation Name'] ? ` on ${n['Relation Name']}` : ''}`;
}

/** Scans that read a table's rows (a bitmap index scan only collects row addresses for the heap scan above it). */
function tableReads(nodes: readonly PlanNode[]): TableRead[] {
  return nodes
    .filter((n) => n['Relation Name'] && n['Actual Rows'] !== undefined)
    .map((n) => {
      const loops = n['Actual Loops'] ?? 1;
      const removed = (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Index Recheck'] ?? 0);
      return { table: n['Relation Name']!, returned: n['Actual Rows']! * loops, removed: removed * loops };
    });
}

/** The count statements the REST server ran (the task list's counts; growth.ts labels the server's statements). */
export function serverCounts(checks: readonly PlanCheck[]): PlanCheck[] {
  return checks.filter((p) => p.label === 'REST server' && /^SELECT count\(/i.test(p.statement));
}

/** Splits a flush (statements joined by ";\n", ending in COMMIT) into its statements. */
export function splitStatements(sql: string): string[] {
  return sql.split(/;\n/).map((s) => s.trim().replace(/;$/, '')).filter((s) => s && !/^(BEGIN|COMMIT|ROLLBACK)$/i.test(s));
}

async function rowEstimates(c: pg.ClientBase, tables: string[]): Promise<Map<string, number>> {
  if (tables.length === 0) return new Map();
  const rows = await c.query(`SELECT relname, greatest(reltuples, 0)::bigint AS n FROM pg_class WHERE relname = ANY($1) AND relkind = 'r'`, [tables]);
  return new Map(rows.rows.map((r: { relname: string; n: string }) => [r.relname, Number(r.n)]));
}

/** EXPLAINs one statement (with its parameters). */
export async function explainStatement(c: pg.ClientBase, label: string, sql: string, params: readonly unknown[]): Promise<PlanCheck> {
  const statement = sql.replace(/\s+/g, ' ').replace(/'(?:[^']|'')*'/g, "'…'").slice(0, 160);
  const analyze = !/^\s*(INSERT|SELECT baton_expect_)/i.test(sql);
  await c.query('BEGIN');
  try {
    const res = await c.query(`EXPLAIN (${analyze ? 'ANALYZE, ' : ''}FORMAT JSON) ${sql}`, [...params]);
    const plan = (res.rows[0] as { 'QUERY PLAN': [{ Plan: PlanNode; 'Execution Time'?: number }] })['QUERY PLAN'][0];
    const nodes: PlanNode[] = [];
    walk(plan.Plan, nodes);
    const seq = nodes.filter((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name']).map((n) => n['Relation Name']!);
    const sizes = await rowEstimates(c, seq);
    const large = seq.filter((t) => (sizes.get(t) ?? 0) > LARGE_TABLE_ROWS);
    const scans = nodes.map(describe).filter((d): d is string => d !== null);
    const reads = analyze ? tableReads(nodes) : undefined;
    return { label, statement, scans, seqScansOnLargeTables: large, indexesUsed: large.length === 0, executionMs: plan['Execution Time'] ?? null, ...(reads ? { reads } : {}) };
  } catch (err) {
    return { label, statement, scans: [], seqScansOnLargeTables: [], indexesUsed: false, executionMs: null, error: (err as Error).message };
  } finally {
    await c.query('ROLLBACK');
  }
}

/** EXPLAINs captured statements (flushes split into their parts), skipping BEGIN/COMMIT, NOTIFY and SET (no plans). */
export async function explainCaptured(c: pg.Client, captured: readonly CapturedStatement[]): Promise<PlanCheck[]> {
  const out: PlanCheck[] = [];
  for (const s of captured) {
    if (s.batch) {
      for (const part of s.batch) {
        if (!/^(BEGIN|COMMIT|ROLLBACK|NOTIFY|SET)\b/i.test(part.sql.trim())) out.push(await explainStatement(c, s.label, part.sql, part.params));
      }
      continue;
    }
    const parts = splitStatements(s.sql);
    for (const part of parts) out.push(await explainStatement(c, s.label, part, parts.length > 1 ? [] : s.params));
  }
  return out;
}

/** Per-instance tables (with a process_instance_id column) that have no index starting with that column. */
export async function tablesWithoutInstanceIndex(c: pg.Client): Promise<string[]> {
  const rows = await c.query(
    `SELECT t.relname AS table FROM pg_class t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attname = 'process_instance_id'
      WHERE t.relkind = 'r' AND t.relnamespace = current_schema()::regnamespace
        AND NOT EXISTS (SELECT 1 FROM pg_index i WHERE i.indrelid = t.oid AND i.indkey[0] = a.attnum)
      ORDER BY 1`,
  );
  return rows.rows.map((r: { table: string }) => r.table);
}
