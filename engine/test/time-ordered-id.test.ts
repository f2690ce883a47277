import { describe, expect, it } from 'vitest';
import { timeOrderedId } from '../src/runtime/time-ordered-id';

describe('time-ordered ids (UUIDv7)', () => {
  it('are version 7 UUIDs whose first 48 bits are the creation time in ms', () => {
    const id = timeOrderedId(Date.UTC(2026, 10, 24, 1, 2, 3, 456));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(parseInt(id.replace(/-/g, '').slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 24, 1, 2, 3, 456));
  });

  it('sort by creation time across milliseconds and stay unique within one', () => {
    const t = Date.now();
    const ids = [timeOrderedId(t + 2), timeOrderedId(t), timeOrderedId(t + 1)];
    expect([...ids].sort()).toEqual([ids[1], ids[2], ids[0]]);
    const same = new Set(Array.from({ length: 2000 }, () => timeOrderedId(t)));
    expect(same.size).toBe(2000);
  });
});
