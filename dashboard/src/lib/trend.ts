// Rising and falling skills from weekly shares: the change between the mean share of the latest weeks and of
// the weeks before them, in percentage points.

export interface WeeklyShare {
  week: string;
  share: number;
  count: number;
}

export interface Movement {
  id: string;
  name: string;
  /** Mean share of the recent window minus that of the previous window, in percentage points. */
  deltaPoints: number;
  recent: number;
  previous: number;
}

/** Mean share of the last `window` weeks against the `window` weeks before (shorter series split in half). */
export function movement(id: string, name: string, weeks: readonly WeeklyShare[], window = 4): Movement | null {
  const sorted = [...weeks].sort((a, b) => a.week.localeCompare(b.week));
  if (sorted.length < 2) return null;
  const w = Math.min(window, Math.floor(sorted.length / 2));
  const mean = (xs: readonly WeeklyShare[]) => xs.reduce((s, x) => s + x.share, 0) / xs.length;
  const recent = mean(sorted.slice(-w));
  const previous = mean(sorted.slice(-2 * w, -w));
  return { id, name, recent, previous, deltaPoints: (recent - previous) * 100 };
}

/** The `n` biggest risers (delta > 0) and fallers (delta < 0), strongest first. */
export function risingFalling(moves: readonly (Movement | null)[], n = 5): { rising: Movement[]; falling: Movement[] } {
  const ms = moves.filter((m): m is Movement => m !== null);
  const rising = ms
    .filter((m) => m.deltaPoints > 0.05)
    .sort((a, b) => b.deltaPoints - a.deltaPoints)
    .slice(0, n);
  const falling = ms
    .filter((m) => m.deltaPoints < -0.05)
    .sort((a, b) => a.deltaPoints - b.deltaPoints)
    .slice(0, n);
  return { rising, falling };
}

/**
 * The weeks to plot for several weekly series: every week from the first one with any postings on (weeks before
 * the data starts would read as a misleading 0%), oldest first.
 */
export function activeWeeks(series: ReadonlyArray<ReadonlyArray<{ week: string; postings: number }>>): string[] {
  const all = [...new Set(series.flatMap((s) => s.map((w) => w.week)))].sort();
  const first = all.find((week) => series.some((s) => s.some((w) => w.week === week && w.postings > 0)));
  return first === undefined ? [] : all.filter((w) => w >= first);
}

/** A week's share, or null when the week had no postings at all (a gap, not a 0%). */
export function shareOrGap(p: { share: number; postings: number } | undefined): number | null {
  return p && p.postings > 0 ? p.share : null;
}
