// Posting and deadline dates: ISO timestamps, epoch seconds or milliseconds, Korean board formats
// ('2026-10-01 23:59:59' in KST, '2026.09.09', '~ 12/31(일)', '12월 31일', 'D-7') and "always open" phrases
// ('상시채용', '채용시 마감', Wanted's due_time null).

/** Offset of Korea Standard Time from UTC (no daylight saving). */
export const KST_OFFSET_MS = 9 * 3600 * 1000;

const DAY_MS = 24 * 3600 * 1000;

const ALWAYS_OPEN =
  /상시\s*(?:채용|모집)?|채용\s*시\s*(?:까지|마감)|수시\s*(?:채용|모집)|충원\s*시\s*(?:까지|마감)|마감\s*없음|open until filled|until (?:the position is )?filled|rolling basis|always open|no deadline/i;

export function isAlwaysOpenPhrase(text: string | null | undefined): boolean {
  return !!text && ALWAYS_OPEN.test(text);
}

/** Milliseconds of a wall-clock time at `offsetMs` from UTC. */
function wallClock(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offsetMs: number,
): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const t = Date.UTC(y, mo - 1, d, h, mi, s) - offsetMs;
  const check = new Date(t + offsetMs);
  return check.getUTCDate() === d ? t : null; // rejects 02-30
}

export interface DateOptions {
  /** Offset applied to times written without a zone (KST for Korean boards, 0 otherwise). */
  offsetMs?: number;
  /** For deadlines: a date without a time means the end of that day. */
  endOfDay?: boolean;
  /** Reference time for dates without a year ('12/31') and relative ones ('D-7'): the fetch time. */
  reference?: number;
}

/**
 * A timestamp in ms from what boards write: epoch seconds or ms (number or digits), ISO 8601 with or without a zone,
 * 'YYYY-MM-DD HH:mm[:ss]', 'YYYY.MM.DD', 'YYYY/MM/DD', 'YYYY년 M월 D일', 'MM/DD', 'M월 D일', 'D-7'. Null when unreadable.
 */
export function parseDate(value: unknown, opts: DateOptions = {}): number | null {
  const offset = opts.offsetMs ?? 0;
  const [h0, mi0, s0] = opts.endOfDay ? [23, 59, 59] : [0, 0, 0];
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    return value < 1e12 ? Math.round(value * 1000) : Math.round(value);
  }
  if (typeof value !== 'string') return null;
  const s = value.normalize('NFKC').trim();
  if (s === '') return null;
  if (/^\d{9,13}$/.test(s)) return parseDate(Number(s), opts);

  // Full ISO with a zone: let the platform parse it.
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i.test(s)) {
    const t = Date.parse(s);
    return Number.isNaN(t) ? null : t;
  }
  let m = /^(\d{4})[-./]\s*(\d{1,2})[-./]\s*(\d{1,2})\.?(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?/.exec(s);
  if (m) {
    const hasTime = m[4] !== undefined;
    return wallClock(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      hasTime ? Number(m[4]) : h0,
      hasTime ? Number(m[5]) : mi0,
      hasTime ? Number(m[6] ?? 0) : s0,
      offset,
    );
  }
  m = /(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일/.exec(s);
  if (m) return wallClock(Number(m[1]), Number(m[2]), Number(m[3]), h0, mi0, s0, offset);

  const ref = opts.reference;
  if (ref !== undefined) {
    m = /D\s*-\s*(\d{1,3})\b/i.exec(s);
    if (m) {
      const day = new Date(ref + offset + Number(m[1]) * DAY_MS);
      return wallClock(day.getUTCFullYear(), day.getUTCMonth() + 1, day.getUTCDate(), h0, mi0, s0, offset);
    }
    m = /(?:^|[~\s(])(\d{1,2})\s*[/.]\s*(\d{1,2})(?!\s*[/.]\s*\d)|(\d{1,2})\s*월\s*(\d{1,2})\s*일/.exec(s);
    if (m) {
      const month = Number(m[1] ?? m[3]);
      const day = Number(m[2] ?? m[4]);
      const refDate = new Date(ref + offset);
      let year = refDate.getUTCFullYear();
      let t = wallClock(year, month, day, h0, mi0, s0, offset);
      // A deadline written without a year lies ahead of the fetch: '12/31' fetched in January is this year,
      // '01/15' fetched in December is next year.
      if (t !== null && t < ref - 180 * DAY_MS) {
        year += 1;
        t = wallClock(year, month, day, h0, mi0, s0, offset);
      }
      return t;
    }
  }
  const t = Date.parse(s);
  return Number.isNaN(t) ? null : t;
}

export interface Deadline {
  deadline: number | null;
  alwaysOpen: boolean;
}

/** A deadline phrase: '상시채용' / '채용시 마감' → always open; otherwise the end of the day it names. */
export function parseDeadline(value: unknown, opts: Omit<DateOptions, 'endOfDay'> = {}): Deadline {
  if (typeof value === 'string' && isAlwaysOpenPhrase(value)) return { deadline: null, alwaysOpen: true };
  return { deadline: parseDate(value, { ...opts, endOfDay: true }), alwaysOpen: false };
}
