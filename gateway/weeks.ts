// ISO weeks as the aggregates store them: a week is named by its Monday (UTC date, YYYY-MM-DD).

const DAY = 86400000;

/** Monday (YYYY-MM-DD) of the ISO week containing `date` (UTC). */
export function weekStart(date: Date | string): string {
  const d = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T00:00:00Z`) : date;
  const midnight = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate());
  const dow = (new Date(midnight).getUTCDay() + 6) % 7; // Monday = 0
  return new Date(midnight - dow * DAY).toISOString().slice(0, 10);
}

/** The Monday `n` weeks after (negative: before) the Monday `week`. */
export function addWeeks(week: string, n: number): string {
  return new Date(Date.parse(`${week}T00:00:00Z`) + n * 7 * DAY).toISOString().slice(0, 10);
}

/** Every Monday from `from` to `to` inclusive (both Mondays). */
export function weeksBetween(from: string, to: string): string[] {
  const out: string[] = [];
  for (let w = from; w <= to; w = addWeeks(w, 1)) out.push(w);
  return out;
}

/** ISO 8601 week label, e.g. '2025-W03', of the Monday `week`. */
export function isoWeekLabel(week: string): string {
  const monday = Date.parse(`${week}T00:00:00Z`);
  const thursday = new Date(monday + 3 * DAY);
  const year = thursday.getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  const n = Math.floor((thursday.getTime() - jan1) / DAY / 7) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

/** True when s is a real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const t = Date.parse(`${s}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
}
