/**
 * LISTEN/NOTIFY wake-ups on a dedicated connection (a pooled one could not stay in LISTEN).
 * Connects on the first subscription; on connection loss it reconnects with backoff and
 * wakes every listener, since notifications may have been missed meanwhile.
 */
import pg from 'pg';
import type { Pool } from 'pg';

type Listener = () => void;

/** One LISTEN connection per store, shared by the job executor and long-polling fetchAndLock. */
export class PostgresNotifier {
  private client: pg.Client | null = null;
  private connecting: Promise<void> | null = null;
  private closed = false;
  private readonly listeners = new Map<string, Set<Listener>>();

  constructor(private readonly pool: Pool) {}

  /** Calls `listener` on every NOTIFY of `channel`; resolves once listening. */
  async subscribe(channel: string, listener: Listener): Promise<() => Promise<void>> {
    let set = this.listeners.get(channel);
    const isNew = !set;
    if (!set) this.listeners.set(channel, (set = new Set()));
    set.add(listener);
    await this.connect();
    if (isNew && this.client) await this.client.query(`LISTEN ${channel}`);
    return async () => {
      set.delete(listener);
    };
  }

  /** Closes the connection; no reconnects afterwards. */
  async close(): Promise<void> {
    this.closed = true;
    const c = this.client;
    this.client = null;
    if (c) await c.end().catch(() => undefined);
  }

  private connect(): Promise<void> {
    if (this.client || this.closed) return Promise.resolve();
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    return this.connecting;
  }

  private async open(): Promise<void> {
    const client = new pg.Client((this.pool as unknown as { options: pg.ClientConfig }).options);
    client.on('notification', (msg) => this.wake(msg.channel));
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    this.client = client;
  }

  private wake(channel?: string): void {
    for (const [name, set] of this.listeners) {
      if (channel === undefined || name === channel) for (const l of set) l();
    }
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = null;
    if (this.closed) return;
    // Reconnect after a pause; listeners poll meanwhile, and are woken once we are back.
    setTimeout(() => void this.connect().then(() => this.wake(), () => this.lost(client)), 1000).unref();
  }
}
