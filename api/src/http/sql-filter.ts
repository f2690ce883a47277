/**
 * A tiny builder for WHERE clauses with bind parameters, so that list queries assemble their
 * filters without string-concatenating user input; it also runs the two query shapes every
 * list resource needs (one page, and the count).
 *
 * A query whose every condition is `key = ?` on one of the keys its resource names runs as a
 * prepared statement (planned once per connection): the calls applications make in a loop
 * (the tasks of one instance, one task by id). Why not every query: a plan kept for a
 * connection is only safe when no value can make another plan much better, which holds for
 * keys that select a handful of rows through their index; api/test/prepared-queries.test.ts
 * EXPLAINs the generic plan of each key and sort order.
 */
import type { Pool } from 'pg';
import { queryPrepared } from '@baton/engine/postgres';

const KEY_CONDITION = /^([a-z_]+) = \?$/;

/** Accumulates conditions and their parameters. */
export class SqlFilter {
  readonly conditions: string[] = [];
  readonly params: unknown[] = [];
  /** True while every condition is an equality on one of `keys` (none given: never). */
  private keysOnly: boolean;

  /** `keys`: columns whose equality conditions keep the query a prepared one. */
  constructor(private readonly keys: ReadonlySet<string> = new Set()) {
    this.keysOnly = keys.size > 0;
  }

  /** True when the query runs as a prepared statement: it has conditions, all on keys (a page of all rows is no key lookup). */
  get prepared(): boolean {
    return this.keysOnly && this.conditions.length > 0;
  }

  /** Adds `template` with `?` replaced by the next parameter number, when value is defined. */
  add(template: string, value: unknown): this {
    if (value === undefined) return this;
    const key = KEY_CONDITION.exec(template)?.[1];
    if (key === undefined || !this.keys.has(key)) this.keysOnly = false;
    this.params.push(value);
    this.conditions.push(template.replace('?', `$${this.params.length}`));
    return this;
  }

  /** Adds `template` with each `?` bound to the next of `values` (all of them, in order). */
  addAll(template: string, values: readonly unknown[]): this {
    this.keysOnly = false;
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
    if (!flag) return this;
    this.keysOnly = false;
    this.conditions.push(condition);
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
    return this.run(pool, sql);
  }

  /**
   * The same page as `page`, looked for first among the first `window` rows of `table` in
   * `order` (a walk of the order's index), and only when they do not hold it among all rows,
   * collected without regard to the order (a bitmap of the conditions' indexes) and sorted.
   * One statement: the second part runs only when the first comes up short (a one-time filter).
   *
   * Why: PostgreSQL chooses between those two plans by its estimate of how many rows match.
   * Where it overestimates (a condition on an array element it has no statistics for: at
   * least 0.5 % of the table), it walks the order's index through the whole table looking for
   * rows that are not there: the cost grows with the table, not with the answer. Here the walk
   * stops after `window` rows and the fallback visits only matching rows, so a page costs at
   * most about `window` + the matching rows. Correct whatever the split: the window is a prefix
   * of the order (the order must be total, e.g. end with the key), so a page found within it
   * is the page.
   */
  async pageInWindow(
    pool: Pool, table: string, alias: string, order: string, page: { offset: number; limit: number }, window: number, columns = '*',
  ): Promise<Record<string, unknown>[]> {
    const k = this.next(window);
    const n = this.next(page.offset + page.limit);
    // The columns are computed for the page's rows only, after the union (they may hold subqueries).
    const sql = `WITH head AS MATERIALIZED (
        SELECT ${alias}.* FROM (SELECT * FROM ${table} ORDER BY ${order} LIMIT ${k}) ${alias} ${this.where} ORDER BY ${order} LIMIT ${n}
      ), matches AS MATERIALIZED (SELECT ${alias}.* FROM ${table} ${alias} ${this.where})
      SELECT ${columns} FROM (
        SELECT * FROM head WHERE (SELECT count(*) FROM head) = ${n}
        UNION ALL
        SELECT * FROM matches WHERE (SELECT count(*) FROM head) < ${n}
      ) ${alias} ORDER BY ${order} LIMIT ${this.next(page.limit)} OFFSET ${this.next(page.offset)}`;
    return this.run(pool, sql);
  }

  /** `SELECT count(*) FROM <from> WHERE …`. */
  async count(pool: Pool, from: string): Promise<number> {
    return (await this.run(pool, `SELECT count(*)::int AS count FROM ${from} ${this.where}`))[0]!.count as number;
  }

  /**
   * Counts of several filters among the rows this one selects, in one pass: `SELECT count(*)
   * FILTER (WHERE <branch>) … FROM <from> WHERE <this>`. Why: counts that share a base (the
   * tasks one user may see) would each visit the same rows; one scan visits them once. Each
   * branch's placeholders are renumbered after this filter's; SqlFilter writes every value as a
   * `$n` placeholder, so the text holds no other `$` followed by digits.
   */
  async countEach(pool: Pool, from: string, branches: Record<string, SqlFilter>): Promise<Record<string, number>> {
    const names = Object.keys(branches);
    if (!names.length) return {};
    const params = [...this.params];
    const columns = names.map((name, i) => {
      const branch = branches[name]!;
      const offset = params.length;
      params.push(...branch.params);
      const renumbered = branch.conditions.map((c) => c.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + offset}`));
      return `count(*) FILTER (WHERE ${renumbered.length ? renumbered.join(' AND ') : 'true'})::int AS c${i}`;
    });
    const [row] = (await pool.query(`SELECT ${columns.join(', ')} FROM ${from} ${this.where}`, params)).rows as Record<string, number>[];
    return Object.fromEntries(names.map((name, i) => [name, row![`c${i}`]!]));
  }

  private async run(pool: Pool, sql: string): Promise<Record<string, unknown>[]> {
    if (this.prepared) return queryPrepared(pool, sql, this.params);
    return (await pool.query(sql, this.params)).rows as Record<string, unknown>[];
  }
}
