/**
 * File variable contents in PostgreSQL: the flush moves the base64 bytes of new File values
 * into variable_file (bytea) and stores only the descriptor in the variable's jsonb value.
 */
import type { Pool } from 'pg';
import type { ChangeSet, FileValue } from '@baton/engine';
import { rowsStatement, type BatchStatement } from './statement-batch';

/** The statement inserting the contents of File values set by this change set, or null. */
export function fileContentStatement(c: ChangeSet): BatchStatement | null {
  const files = new Map<string, string>();
  const collect = (v: { type: string; value: unknown }) => {
    const f = v.value as FileValue | null;
    if (v.type === 'File' && f && typeof f.content === 'string') files.set(f.fileId, f.content);
  };
  for (const v of c.variables.inserted.values()) collect(v);
  for (const v of c.variables.updated.values()) collect(v);
  for (const v of c.history.variableUpserts) collect(v);
  for (const v of c.history.variableUpdates) collect(v);
  if (files.size === 0) return null;
  return rowsStatement(
    `INSERT INTO variable_file (id, content) SELECT r->>'id', decode(r->>'content', 'base64') FROM jsonb_array_elements($1::jsonb) r ON CONFLICT (id) DO NOTHING`,
    [...files].map(([id, content]) => ({ id, content })),
  );
}

/** A row without File contents in its value (they went to variable_file). */
export function withoutFileContent(row: Record<string, unknown>): Record<string, unknown> {
  const value = row.value as (FileValue & Record<string, unknown>) | null;
  if (row.type !== 'File' || !value || value.content === undefined) return row;
  const { content: _content, ...descriptor } = value;
  return { ...row, value: descriptor };
}

/** The bytes of a File value, or null when they are gone. */
export async function readVariableFile(pool: Pool, fileId: string): Promise<Buffer | null> {
  const row = (await pool.query('SELECT content FROM variable_file WHERE id = $1', [fileId])).rows[0] as { content: Buffer } | undefined;
  return row?.content ?? null;
}

/** SQL deleting the files referenced by history variables of the instances selected by `instancesSql`. */
export function deleteFilesSql(instancesSql: string): string {
  return `DELETE FROM variable_file WHERE id IN (
    SELECT value->>'fileId' FROM history_variable WHERE type = 'File' AND process_instance_id IN (${instancesSql})
    UNION SELECT value->>'fileId' FROM history_variable_update WHERE type = 'File' AND process_instance_id IN (${instancesSql}))`;
}
