/**
 * A tiny builder for WHERE clauses with bind parameters, so that list queries assemble their
 * filters without string-concatenating user input.
 */

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
}
