import { describe, expect, it } from 'vitest';
import { formatDuration, heatColor, heatScale } from '../src/kpi/heatmap';

describe('heat map', () => {
  it('scales values relative to the slowest activity', () => {
    const heat = heatScale(new Map<string, number | null>([['fast', 100], ['slow', 400], ['none', null]]));
    expect(heat.get('slow')).toEqual({ ratio: 1, color: heatColor(1) });
    expect(heat.get('fast')?.ratio).toBe(0.25);
    expect(heat.has('none')).toBe(false);
    expect(heatColor(0)).toBe('hsl(120, 85%, 55%)');
    expect(heatColor(1)).toBe('hsl(0, 85%, 45%)');
  });

  it('gives all-zero values no gradient', () => {
    expect(heatScale(new Map([['a', 0]])).get('a')?.ratio).toBe(0);
  });

  it('formats durations', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(12_000)).toBe('12 s');
    expect(formatDuration(270_000)).toBe('4.5 min');
    expect(formatDuration(2 * 86_400_000)).toBe('2.0 d');
  });
});
