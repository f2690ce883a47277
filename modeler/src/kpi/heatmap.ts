/**
 * The heat-map scale: a KPI value per activity → a color from cool (fast) to hot (the
 * bottleneck), relative to the slowest activity of the same diagram.
 */

/** One activity's heat: its share of the maximum (0..1) and the fill color. */
export interface Heat {
  readonly ratio: number;
  readonly color: string;
}

/** Interpolates hue from 120° (green) to 0° (red); lightness keeps text readable on top. */
export function heatColor(ratio: number): string {
  const r = Math.min(1, Math.max(0, ratio));
  return `hsl(${Math.round(120 * (1 - r))}, 85%, ${Math.round(55 - 10 * r)}%)`;
}

/** Heat per activity for the given values (null values get no heat). */
export function heatScale(values: ReadonlyMap<string, number | null>): Map<string, Heat> {
  const present = [...values.values()].filter((v): v is number => v !== null && Number.isFinite(v));
  const max = Math.max(0, ...present);
  const out = new Map<string, Heat>();
  for (const [id, v] of values) {
    if (v === null || !Number.isFinite(v)) continue;
    const ratio = max > 0 ? v / max : 0;
    out.set(id, { ratio, color: heatColor(ratio) });
  }
  return out;
}

/** A duration in ms as a short human text (850 ms, 12 s, 4.5 min, 3.2 h, 2.1 d). */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms)) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  const units: Array<[number, string]> = [[86_400_000, 'd'], [3_600_000, 'h'], [60_000, 'min'], [1000, 's']];
  const [size, name] = units.find(([u]) => ms >= u) ?? [1000, 's'];
  const v = ms / size;
  return `${v >= 10 ? Math.round(v) : v.toFixed(1)} ${name}`;
}
