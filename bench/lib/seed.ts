/**
 * Fast seeding for the growth workload: clones one real instance (all its runtime and history
 * rows, as the engine wrote them) N times with INSERT … SELECT over generate_series, entirely
 * inside PostgreSQL. Every UUID of the template is replaced by md5(uuid, n) formatted as a
 * UUID, consistently across tables (so foreign ids still match and keys are spread like
 * random UUIDs); definition and deployment ids stay; timestamps move into the past. The table
 * and column lists are read from the catalog, so new tables and columns are cloned too.
 */
import type pg from 'pg';
import { instanceTables } from './database';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** Per-table column overrides: SQL expressions over `m.g` (the clone number) and `tpl` (the template row). */
export type Overrides = Record<string, Record<string, string>>;

interface Column {
  readonly name: string;
  readonly type: string;
}

async function columnsOf(c: pg.Client, table: string): Promise<Column[]> {
  const rows = await c.query(
    `SELECT attname AS name, format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped AND attgenerated = '' ORDER BY attnum`,
    [table],
  );
  return rows.rows as Column[];
}

async function protectedIds(c: pg.Client): Promise<Set<string>> {
  const rows = await c.query(`SELECT id || ' ' || deployment_id AS ids FROM process_definition UNION ALL SELECT id FROM deployment`);
  return new Set(rows.rows.flatMap((r: { ids: string }) => r.ids.match(UUID) ?? []));
}

function quote(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/** Builds the INSERT … SELECT that clones the template's rows of one table for g in [$2, $3]. */
function cloneSql(table: string, filter: string, columns: Column[], templateRows: Record<string, unknown>[], keep: Set<string>, overrides: Record<string, string>): string {
  const uuids = new Map<string, string>();
  const exprs = columns.map((col) => {
    if (overrides[col.name]) return overrides[col.name]!;
    const ref = `tpl.${quote(col.name)}`;
    if (/^timestamp/.test(col.type)) return `${ref} - m.g * interval '1 second'`;
    const found = new Set<string>();
    for (const row of templateRows) for (const u of JSON.stringify(row[col.name] ?? null).match(UUID) ?? []) if (!keep.has(u)) found.add(u);
    if (found.size === 0) return ref;
    let expr = `${ref}::text`;
    for (const u of found) {
      if (!uuids.has(u)) uuids.set(u, `u${uuids.size}`);
      expr = `replace(${expr}, ${literal(u)}, m.${uuids.get(u)})`;
    }
    return `(${expr})::${col.type}`;
  });
  // The new ids are computed once per clone (materialized), not once per template row.
  const mapping = [...uuids].map(([u, alias]) => `, md5(${literal(u)} || ':' || g)::uuid::text AS ${alias}`);
  return `WITH m AS MATERIALIZED (SELECT g${mapping.join('')} FROM generate_series($2::int, $3::int) g)
          INSERT INTO ${quote(table)} (${columns.map((c) => quote(c.name)).join(', ')})
          SELECT ${exprs.join(', ')} FROM m CROSS JOIN ${quote(table)} tpl WHERE tpl.${quote(filter)} = $1`;
}

/** Clones instance `templateId` as clones number `from`…`to` (inclusive); returns rows inserted per table. */
export async function cloneInstance(c: pg.Client, templateId: string, from: number, to: number, overrides: Overrides = {}): Promise<Record<string, number>> {
  const keep = await protectedIds(c);
  const inserted: Record<string, number> = {};
  for (const table of await instanceTables(c)) {
    const columns = await columnsOf(c, table);
    const names = new Set(columns.map((col) => col.name));
    const filter = names.has('process_instance_id') ? 'process_instance_id' : names.has('id') ? 'id' : null;
    if (!filter) continue;
    const tpl = (await c.query(`SELECT to_jsonb(t) AS row FROM ${quote(table)} t WHERE ${quote(filter)} = $1`, [templateId])).rows.map(
      (r: { row: Record<string, unknown> }) => r.row,
    );
    if (tpl.length === 0) continue;
    const sql = cloneSql(table, filter, columns, tpl, keep, overrides[table] ?? {});
    inserted[table] = (await c.query(sql, [templateId, from, to])).rowCount ?? 0;
  }
  return inserted;
}

/**
 * Clones in batches (bounded statements, progress), then VACUUM ANALYZEs and checkpoints.
 * Tables that more than double drop their secondary indexes first and rebuild them after (a
 * sorted build is several times faster than millions of random-key inserts); those come back
 * more compact than organically grown ones, which the results note.
 */
export async function seedClones(
  c: pg.Client, templateId: string, count: number, startAt: number, overrides: Overrides, log: (m: string) => void,
): Promise<{ seconds: number; rows: Record<string, number> }> {
  const t0 = performance.now();
  const rows: Record<string, number> = {};
  const batch = 100_000;
  const rebuild = count >= 50_000 ? await dropSecondaryIndexes(c, await growingTables(c, templateId, count)) : [];
  try {
    for (let from = startAt; from < startAt + count; from += batch) {
      const to = Math.min(startAt + count - 1, from + batch - 1);
      const done = await cloneInstance(c, templateId, from, to, overrides);
      for (const [t, n] of Object.entries(done)) rows[t] = (rows[t] ?? 0) + n;
      if (count > batch) log(`  seeded ${to - startAt + 1}/${count} (${Math.round((performance.now() - t0) / 1000)} s)`);
    }
  } finally {
    for (const def of rebuild) await c.query(def);
  }
  await settle(c);
  return { seconds: Math.round((performance.now() - t0) / 100) / 10, rows };
}

/** Instance tables that will more than double: the template's rows there × count > current rows. */
async function growingTables(c: pg.Client, templateId: string, count: number): Promise<string[]> {
  const out: string[] = [];
  for (const table of await instanceTables(c)) {
    const names = new Set((await columnsOf(c, table)).map((col) => col.name));
    const filter = names.has('process_instance_id') ? 'process_instance_id' : names.has('id') ? 'id' : null;
    if (!filter) continue;
    const r = await c.query(
      `SELECT (SELECT count(*) FROM ${quote(table)} WHERE ${quote(filter)} = $1)::bigint AS tpl,
              (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = $2::regclass)::bigint AS existing`,
      [templateId, table],
    );
    const { tpl, existing } = r.rows[0] as { tpl: string; existing: string };
    if (Number(tpl) * count > Number(existing)) out.push(table);
  }
  return out;
}

/** Drops the non-constraint indexes of `tables`; returns their CREATE statements. */
async function dropSecondaryIndexes(c: pg.Client, tables: string[]): Promise<string[]> {
  const rows = (await c.query(
    `SELECT i.indexname, i.indexdef FROM pg_indexes i
      WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = format('%I.%I', i.schemaname, i.indexname)::regclass)`,
    [tables],
  )).rows as { indexname: string; indexdef: string }[];
  for (const r of rows) await c.query(`DROP INDEX ${quote(r.indexname)}`);
  return rows.map((r) => r.indexdef);
}

/** VACUUM ANALYZE the instance tables (fresh statistics, visibility map) and CHECKPOINT, so that seeding does not spill into the next measurement. */
export async function settle(c: pg.Client): Promise<void> {
  for (const table of await instanceTables(c)) await c.query(`VACUUM (ANALYZE) ${quote(table)}`);
  await c.query('CHECKPOINT').catch(() => undefined); // needs superuser (or pg_checkpoint); optional
}
