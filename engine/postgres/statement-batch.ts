/**
 * Several statements in one round trip over PostgreSQL's extended protocol: Parse (once per
 * connection for each statement text), Bind and Execute for every statement (Describe only the
 * first time on a connection), then one Sync. The server runs them in order, each with its own
 * snapshot taken when it starts (so a statement after a `FOR UPDATE` sees what the previous lock
 * holder committed), and skips the rest at the first error.
 *
 * Why: parsing, analysing and planning were about 45 % of PostgreSQL's CPU per user-task cycle
 * when every statement went as SQL text (simple protocol, parameters inlined). Named statements
 * are planned once per connection; node-postgres has no batch of them, so this is a Submittable.
 */
import pg from 'pg';
import type { PoolClient } from 'pg';

/** One statement of a batch with its parameters ($1, $2, …). */
export interface BatchStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
  /**
   * Set on a plain INSERT whose only parameter is a JSON array of rows: its table's place in
   * the flush order. Group commit merges such statements of one text (group-commit.ts).
   */
  readonly rowsOrder?: number;
}

/** A statement whose only parameter is `rows` as jsonb. */
export function rowsStatement(sql: string, rows: unknown, rowsOrder?: number): BatchStatement {
  const params = [JSON.stringify(rows)];
  return rowsOrder === undefined ? { sql, params } : { sql, params, rowsOrder };
}

type Row = Record<string, unknown>;
type ResultInternals = pg.QueryResult & {
  _types: unknown;
  _parsers?: unknown[];
  _prebuiltEmptyResultObject?: Row;
  addFields(fields: unknown): void;
  parseRow(data: unknown): Row;
  addRow(row: Row): void;
  addCommandComplete(msg: unknown): void;
};
type ResultCtor = new (rowMode: undefined, types: unknown) => ResultInternals;
/** The protocol writer of node-postgres (pg's Connection). */
interface Wire {
  stream: { cork?: () => void; uncork?: () => void };
  parse(m: { text: string; name: string }): void;
  bind(m: { portal: string; statement: string; values: unknown[] }): void;
  describe(m: { type: 'P'; name: string }): void;
  execute(m: { portal: string; rows: number }): void;
  sync(): void;
  on(event: 'parseComplete', listener: () => void): void;
  off(event: 'parseComplete', listener: () => void): void;
}

const Result = (pg as unknown as { Result: ResultCtor }).Result;
const prepareValue = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue;

/** Statement texts seen so far and their names; past the cap, new texts go unnamed (planned each time). */
const names = new Map<string, string>();
const MAX_NAMED_STATEMENTS = 2000;

/**
 * The rows a prepared statement answers, as node-postgres' Result holds them after a
 * RowDescription: fields, their type parsers, the empty row; null for a statement without rows.
 */
type Description = Pick<ResultInternals, 'fields' | '_parsers' | '_prebuiltEmptyResultObject'> | null;

/**
 * What each pooled connection has prepared and what those statements answer; `stale`: drop it
 * all before the next batch. Why descriptions per connection: PostgreSQL fixes a prepared
 * statement's result columns when it is prepared (a change fails it with "cached plan must not
 * change result type"), so a description seen once on a connection holds until it is dropped.
 * Skipping the Describe spared node-postgres rebuilding the same type parsers for every SELECT
 * (about 5 % of the engine's CPU in the benchmark profile).
 */
interface Prepared {
  readonly names: Set<string>;
  readonly described: Map<string, Description>;
  stale: boolean;
}
const preparedOn = new WeakMap<PoolClient, Prepared>();

/**
 * A prepared `SELECT *` fails once the table's columns change (another node ran a migration):
 * "cached plan must not change result type". The command fails (it is retryable); the
 * connection's prepared statements are dropped so the next batch prepares them anew.
 */
function changedResultType(err: unknown): boolean {
  const e = err as { code?: string; message?: string };
  return e.code === '0A000' && /cached plan must not change result type/.test(e.message ?? '');
}

function nameOf(sql: string): string {
  let name = names.get(sql);
  if (name === undefined && names.size < MAX_NAMED_STATEMENTS) {
    name = `baton_${names.size + 1}`;
    names.set(sql, name);
  }
  return name ?? '';
}

/** Runs the statements in one round trip; answers the rows of each, in order. */
export function runBatch(client: PoolClient, statements: readonly BatchStatement[]): Promise<Row[][]> {
  let prepared = preparedOn.get(client);
  if (!prepared) preparedOn.set(client, (prepared = { names: new Set(), described: new Map(), stale: false }));
  let reset = 0;
  if (prepared.stale) {
    // First in the batch: DEALLOCATE is not transactional and runs inside a new transaction too.
    statements = [{ sql: 'DEALLOCATE ALL', params: [] }, ...statements];
    prepared.names.clear();
    prepared.described.clear();
    prepared.stale = false;
    reset = 1;
  }
  const batch = new Batch(statements, prepared);
  const done = new Promise<Row[][]>((resolve, reject) => {
    batch.callback = (err, rows) => (err ? reject(err) : resolve(rows!));
  });
  client.query(batch as unknown as pg.QueryConfig);
  return done.then(
    (rows) => rows.slice(reset),
    (err: unknown) => {
      if (changedResultType(err)) prepared.stale = true;
      throw err;
    },
  );
}

/** The Submittable: node-postgres hands it the connection and the server's answers. */
class Batch {
  callback: ((err: Error | null, rows?: Row[][]) => void) | null = null;
  /** Read by node-postgres, which sets the type parsers of the client on it. */
  readonly _result: ResultInternals = new Result(undefined, undefined);
  /** One result per statement, in order; `index`: the statement the server answers now. */
  private readonly results: ResultInternals[] = [this._result];
  private index = 0;
  /** Per statement: its prepared name ('' for unnamed) and whether a Describe was sent for it. */
  private readonly names: string[] = [];
  private readonly describing: boolean[] = [];
  private error: Error | null = null;
  /** Names of the Parse messages sent ('' for unnamed), in order, and how many the server confirmed. */
  private readonly parses: string[] = [];
  private parsed = 0;
  private readonly onParseComplete = () => void this.parsed++;
  private wire: Wire | null = null;

  /** The statements, in order (read by the benchmark's SQL tracing). */
  constructor(
    readonly statements: readonly BatchStatement[],
    private readonly prepared: Prepared,
  ) {}

  submit(wire: Wire): Error | null {
    let values: unknown[][];
    try {
      values = this.statements.map((s) => s.params.map((p) => prepareValue(p)));
    } catch (err) {
      return err as Error;
    }
    this.wire = wire;
    wire.on('parseComplete', this.onParseComplete);
    wire.stream.cork?.();
    try {
      this.statements.forEach((s, i) => {
        const name = nameOf(s.sql);
        if (!name || !this.prepared.names.has(name)) {
          wire.parse({ text: s.sql, name });
          this.parses.push(name);
          if (name) this.prepared.names.add(name);
        }
        wire.bind({ portal: '', statement: name, values: values[i]! });
        const describe = !name || !this.prepared.described.has(name);
        if (describe) wire.describe({ type: 'P', name: '' });
        wire.execute({ portal: '', rows: 0 });
        this.names.push(name);
        this.describing.push(describe);
      });
      wire.sync();
    } finally {
      wire.stream.uncork?.();
    }
    return null;
  }

  /** The result of the statement answered now; a statement not described gets its known description. */
  private current(): ResultInternals {
    let result = this.results[this.index];
    if (!result) {
      result = new Result(undefined, this._result._types);
      this.results.push(result);
    }
    if (!this.describing[this.index] && result.fields.length === 0) {
      const known = this.prepared.described.get(this.names[this.index]!);
      if (known) Object.assign(result, known);
    }
    return result;
  }

  handleRowDescription(msg: { fields: unknown }): void {
    const result = this.current();
    result.addFields(msg.fields);
    const name = this.names[this.index];
    if (name) this.prepared.described.set(name, { fields: result.fields, _parsers: result._parsers, _prebuiltEmptyResultObject: result._prebuiltEmptyResultObject });
  }

  handleDataRow(msg: { fields: unknown }): void {
    if (this.error) return;
    try {
      const result = this.current();
      result.addRow(result.parseRow(msg.fields));
    } catch (err) {
      this.error = err as Error;
    }
  }

  handleCommandComplete(msg: unknown): void {
    this.complete(msg);
  }

  handleEmptyQuery(): void {
    this.complete({ text: 'EMPTY' });
  }

  /** The statement answered now is done: a described one without a RowDescription answers no rows. */
  private complete(msg: unknown): void {
    const result = this.current();
    const name = this.names[this.index];
    if (name && this.describing[this.index] && !this.prepared.described.has(name)) this.prepared.described.set(name, null);
    result.addCommandComplete(msg);
    this.index++;
  }

  handleError(err: Error): void {
    this.settle();
    // The server skipped every message after the failing one, Parses included: forget the
    // names it never confirmed, so the next batch on this connection parses them again.
    for (const name of this.parses.slice(this.parsed)) if (name) this.prepared.names.delete(name);
    this.callback?.(this.error ?? err);
    this.callback = null;
  }

  private settle(): void {
    this.wire?.off('parseComplete', this.onParseComplete);
    this.wire = null;
  }

  handleReadyForQuery(): void {
    this.settle();
    if (!this.callback) return;
    if (this.error) return this.handleError(this.error);
    this.callback(null, this.statements.map((_s, i) => (this.results[i]?.rows ?? []) as Row[]));
    this.callback = null;
  }

  handlePortalSuspended(): void {
    this.handleError(new Error('a batch statement was suspended (row limit): not supported'));
  }

  handleCopyInResponse(): void {
    this.handleError(new Error('COPY is not supported in a statement batch'));
  }

  handleCopyData(): void {
    // no COPY in a batch
  }
}
