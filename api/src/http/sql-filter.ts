/**
 * A tiny builder for WHERE clauses with bind parameters, so that list queries assemble their
 * filters without string-concatenating user input; it also runs the two query shapes every
 * list resource needs (one page, and the count).
 */
import type { Pool } from 'pg';

/** Accumulates conditions and their parameters. */
export class SqlFilter {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];

  /** Adds `template` with `?` replaced by the next parameter number, when value is defined. */
  add(template: string, value: unknown): this {
    if (value === undefined) return this;
    this.params.push(value);
    this.conditions.push(template.replace('?', `$${this.params.length}`));
    return this;
  }

  /** Adds `template` with each `?` bound to the next of `values` (all of them, in order). */
  addAll(template: string, values: readonly unknown[]): this {
    let i = 0;
    const sql = template.replace(/\?/g, () => {
      this.params.push(values[i++]);
      return `$${this.params.length}`;
    });
    this.conditions.push(sql);
    return this;
  }

  /** Adds a condition without parameters when flag is true. */
  when(flag: boolean | undefined, condition: string): this {
    if (flag) this.conditions.push(condition);
    return this;
  }

  /** `WHERE …` or an empty string. */
  get where(): string {
    return this.conditions.length ? `WHERE ${this.conditions.join(' AND ')}` : '';
  }

  /** Next parameter placeholder (for LIMIT/OFFSET). */
  next(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  /** One page of `SELECT <columns> FROM <from> WHERE … ORDER BY <order> LIMIT … OFFSET …`. */
  async page(pool: Pool, from: string, order: string, page: { offset: number; limit: number }, columns = '*'): Promise<Record<string, unknown>[]> {
    const sql = `SELECT ${columns} FROM ${from} ${this.where} ORDER BY ${order} LIMIT ${this.next(page.limit)} OFFSET ${this.next(page.offset)}`;
    return (await pool.query(sql, this.params)).rows as Record<string, unknown>[];
  }

  /** `SELECT count(*) FROM <from> WHERE …`. */
  async count(pool: Pool, from: string): Promise<number> {
    return (await pool.query(`SELECT count(*)::int AS count FROM ${from} ${this.where}`, this.params)).rows[0].count as number;
  }
}
