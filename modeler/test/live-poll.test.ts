import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startPolling } from '../src/cockpit/live-poll';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('startPolling', () => {
  it('refreshes at once, then every interval, until stopped', async () => {
    const refresh = vi.fn(async () => undefined);
    const poller = startPolling(refresh, 1000, () => undefined);
    await vi.advanceTimersByTimeAsync(0);
    expect(refresh).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(refresh).toHaveBeenCalledTimes(3);
    poller.stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(refresh).toHaveBeenCalledTimes(3);
  });

  it('keeps polling after an error and reports it', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const poller = startPolling(async () => {
      n++;
      if (n === 1) throw new Error('down');
    }, 1000, (e) => errors.push(e));
    await vi.advanceTimersByTimeAsync(1000);
    expect(errors).toHaveLength(1);
    expect(n).toBe(2);
    poller.stop();
  });

  it('never runs two refreshes at once; now() shares the running one', async () => {
    let active = 0;
    let max = 0;
    let release: () => void = () => undefined;
    const refresh = vi.fn(() => new Promise<void>((done) => {
      active++;
      max = Math.max(max, active);
      release = () => {
        active--;
        done();
      };
    }));
    const poller = startPolling(refresh, 1000, () => undefined);
    const manual = poller.now();
    expect(refresh).toHaveBeenCalledTimes(1);
    release();
    await manual;
    expect(max).toBe(1);
    poller.stop();
  });
});
