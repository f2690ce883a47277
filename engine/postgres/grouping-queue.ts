/**
 * The queue behind group commit and grouped reads: while fewer than `groups` groups are in
 * flight, a member leaves at once, alone; otherwise it waits, and the members waiting when a
 * place frees leave together as the next group (at most `maxMembers`, as `take` chooses).
 * Nobody waits on a timer: a member alone pays nothing.
 */

/** How many groups may be in flight, and how many members one group may hold. */
export interface GroupingOptions {
  readonly groups: number;
  readonly maxMembers: number;
}

/** What a group's round trip gave: its answer, or the error it failed with. */
export type Outcome<R> = { readonly ok: true; readonly value: R } | { readonly ok: false; readonly error: unknown };

/** Hooks of one kind of grouping (see GroupCommit and GroupRead). */
export interface GroupingHooks<M, R> {
  /** Removes the next group from `waiting` (non-empty) and answers it. */
  take(waiting: M[]): M[];
  /** The group's round trip; it holds a place in flight until it settles. */
  send(group: M[]): Promise<R>;
  /** Hands each member its outcome, after the group's place is free again. */
  settle(group: M[], outcome: Outcome<R>): Promise<void> | void;
}

/** Members in groups, at most `groups` groups in flight (see the file comment). */
export class GroupingQueue<M, R> {
  private readonly waiting: M[] = [];
  private inFlight = 0;

  constructor(
    private readonly groups: number,
    private readonly hooks: GroupingHooks<M, R>,
  ) {}

  /** Queues a member; it leaves at once if a place is free. */
  push(member: M): void {
    this.waiting.push(member);
    this.drain();
  }

  private drain(): void {
    while (this.inFlight < this.groups && this.waiting.length) void this.run(this.hooks.take(this.waiting));
  }

  private async run(group: M[]): Promise<void> {
    this.inFlight++;
    let outcome: Outcome<R>;
    try {
      outcome = { ok: true, value: await this.hooks.send(group) };
    } catch (error) {
      outcome = { ok: false, error: error ?? new Error('grouped round trip failed') };
    } finally {
      this.inFlight--;
      this.drain();
    }
    await this.hooks.settle(group, outcome);
  }
}

/**
 * Options from an environment variable: `off` (null) or `<groups>x<members>`; `fallback` when
 * it is not set.
 */
export function groupingFromEnvironment(name: string, fallback: string, env: NodeJS.ProcessEnv): GroupingOptions | null {
  const value = env[name] ?? fallback;
  if (value === 'off') return null;
  const match = /^(\d+)x(\d+)$/.exec(value);
  if (!match || Number(match[1]) < 1 || Number(match[2]) < 1) throw new Error(`${name} must be off or <groups>x<members>, not ${value}`);
  return { groups: Number(match[1]), maxMembers: Number(match[2]) };
}
