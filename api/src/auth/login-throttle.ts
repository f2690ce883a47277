/**
 * Rate limit for failed logins (session login and HTTP Basic), per user name and client
 * address: after 5 failures within 15 minutes further attempts are refused (429) until the
 * window passes. Kept in memory per node — an attacker spreading over N nodes gets N×5 tries,
 * still far from a useful guessing rate.
 */
const WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES = 5;
const MAX_KEYS = 100_000;

/** Failure counter with a sliding window. */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Seconds to wait before the next attempt, or 0 when allowed. */
  retryAfter(user: string, address: string): number {
    const times = this.recent(`${user}|${address}`);
    if (times.length < MAX_FAILURES) return 0;
    return Math.ceil((times[0]! + WINDOW_MS - this.now()) / 1000);
  }

  /** Records a failed attempt. */
  fail(user: string, address: string): void {
    const key = `${user}|${address}`;
    if (this.failures.size >= MAX_KEYS && !this.failures.has(key)) this.failures.delete(this.failures.keys().next().value!);
    this.failures.set(key, [...this.recent(key), this.now()]);
  }

  /** Clears every failure of a user (an administrator unlocked the account). */
  unlock(user: string): void {
    for (const key of [...this.failures.keys()]) if (key.startsWith(`${user}|`)) this.failures.delete(key);
  }

  /** Clears the failures after a successful login. */
  succeed(user: string, address: string): void {
    this.failures.delete(`${user}|${address}`);
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    return (this.failures.get(key) ?? []).filter((t) => t > cutoff);
  }
}
