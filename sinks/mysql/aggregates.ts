// Incremental aggregates (pure). A posting contributes +1 to each aggregate row it belongs to; when it changes, the
// sink subtracts the contribution of the stored state and adds that of the new one, so the sums always equal a
// full recount. Deltas of one batch are summed per row first: one multi-row upsert per table.

export interface Contribution {
  jobFieldId: string;
  /** Monday of the ISO week, 'YYYY-MM-DD'. */
  week: string;
  open: boolean;
  skills: Array<{ id: string; required: boolean }>;
}

/** Monday (UTC) of the ISO week containing `ms`, as 'YYYY-MM-DD'. */
export function isoWeekStart(ms: number): string {
  const d = new Date(ms);
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day);
  return new Date(monday).toISOString().slice(0, 10);
}

type Counts = number[];

const SEP = '\u0000';

function bump(map: Map<string, Counts>, key: string, values: number[]): void {
  const cur = map.get(key);
  if (!cur) map.set(key, [...values]);
  else for (let i = 0; i < values.length; i++) cur[i]! += values[i]!;
}

function nonZero(map: Map<string, Counts>): Array<[string[], Counts]> {
  return [...map.entries()]
    .filter(([, c]) => c.some((v) => v !== 0))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) // one lock order for every transaction
    .map(([k, c]) => [k.split(SEP), c]);
}

/** Summed changes of one batch, per aggregate table. Counts are [all, open] or [all, open, required]. */
export class AggregateDelta {
  readonly field = new Map<string, Counts>();
  readonly fieldWeek = new Map<string, Counts>();
  readonly fieldSkill = new Map<string, Counts>();
  readonly skillWeek = new Map<string, Counts>();
  readonly skillPair = new Map<string, Counts>();

  /** Adds (sign 1) or removes (sign -1) one posting's contribution. */
  add(c: Contribution, sign: 1 | -1): void {
    const all = sign;
    const open = c.open ? sign : 0;
    bump(this.field, c.jobFieldId, [all, open]);
    bump(this.fieldWeek, [c.jobFieldId, c.week].join(SEP), [all, open]);
    const skills = uniqueSkills(c.skills);
    for (const s of skills) {
      const required = s.required ? sign : 0;
      bump(this.fieldSkill, [c.jobFieldId, s.id].join(SEP), [all, open, required]);
      bump(this.skillWeek, [c.jobFieldId, s.id, c.week].join(SEP), [all, open, required]);
    }
    for (const a of skills) {
      for (const b of skills) {
        if (a.id !== b.id) bump(this.skillPair, [c.jobFieldId, a.id, b.id].join(SEP), [all, open]);
      }
    }
  }

  /** Rows with a non-zero change, sorted by key: [key parts, counts]. */
  rows() {
    return {
      field: nonZero(this.field),
      fieldWeek: nonZero(this.fieldWeek),
      fieldSkill: nonZero(this.fieldSkill),
      skillWeek: nonZero(this.skillWeek),
      skillPair: nonZero(this.skillPair),
    };
  }
}

function uniqueSkills(skills: Contribution['skills']): Contribution['skills'] {
  const byId = new Map<string, boolean>();
  for (const s of skills) byId.set(s.id, (byId.get(s.id) ?? false) || s.required);
  return [...byId.entries()].map(([id, required]) => ({ id, required }));
}

/** True when both contributions add exactly the same counts (nothing to write). */
export function sameContribution(a: Contribution, b: Contribution): boolean {
  if (a.jobFieldId !== b.jobFieldId || a.week !== b.week || a.open !== b.open) return false;
  const key = (c: Contribution) =>
    uniqueSkills(c.skills)
      .map((s) => `${s.id}:${s.required ? 1 : 0}`)
      .sort()
      .join(',');
  return key(a) === key(b);
}
