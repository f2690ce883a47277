import { describe, expect, it } from 'vitest';
import { nextCronTime, parseCron } from '../../src';

const next = (expr: string, after: string) => nextCronTime(parseCron(expr), new Date(after))!.toISOString().slice(0, 10);

describe("Quartz cron specials (as Camunda 7 accepts them)", () => {
  it('L: last day of the month, L-2: two days before it', () => {
    expect(next('0 0 12 L * ?', '2025-02-03T00:00:00Z')).toBe('2025-02-28');
    expect(next('0 0 12 L * ?', '2024-02-03T00:00:00Z')).toBe('2024-02-29');
    expect(next('0 0 12 L-2 * ?', '2025-04-01T00:00:00Z')).toBe('2025-04-28');
  });

  it('W: nearest weekday, LW: last weekday', () => {
    expect(next('0 0 9 15W * ?', '2025-03-01T00:00:00Z')).toBe('2025-03-14'); // 15 Mar 2025 is a Saturday
    expect(next('0 0 9 1W * ?', '2025-02-05T00:00:00Z')).toBe('2025-03-03'); // 1 Mar 2025 is a Saturday → Monday the 3rd
    expect(next('0 0 9 LW * ?', '2025-08-01T00:00:00Z')).toBe('2025-08-29'); // 31 Aug 2025 is a Sunday
  });

  it('6L: last Friday, 6#3 and FRI#3: third Friday', () => {
    expect(next('0 0 9 ? * 6L', '2025-01-01T00:00:00Z')).toBe('2025-01-31');
    expect(next('0 0 9 ? * 6#3', '2025-01-01T00:00:00Z')).toBe('2025-01-17');
    expect(next('0 0 9 ? * FRI#3', '2025-01-18T00:00:00Z')).toBe('2025-02-21');
    expect(next('0 0 9 ? * MONL', '2025-01-01T00:00:00Z')).toBe('2025-01-27');
  });

  it('rejects malformed specials', () => {
    expect(() => parseCron('0 0 9 ? * 6#7')).toThrow();
    expect(() => parseCron('0 0 9 40W * ?')).toThrow();
    expect(() => parseCron('0 0 9 ? * 9L')).toThrow();
  });
});
