/** Display formats shared by the screens. */

/** Camunda's date format (`2025-01-31T12:00:00.000+0100`) as a local date-time text. */
export function formatCamundaDate(value: string | null | undefined): string {
  if (!value) return '';
  const iso = value.replace(/([+-]\d{2})(\d{2})$/, '$1:$2');
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? value : d.toLocaleString();
}

/** A variable value as text (objects as JSON). */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
