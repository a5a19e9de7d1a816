// Splits a posting's section text into plain and highlighted pieces from the skills' evidence spans
// (UTF-16 offsets into the section, as the enrich stage records them).

export interface Span {
  start: number;
  end: number;
  skillId: string;
}

export interface Segment {
  text: string;
  /** Skills whose evidence covers this piece (empty = plain text). */
  skillIds: string[];
}

/**
 * Cuts `text` at every span boundary. Spans outside the text or empty are ignored; overlapping spans produce a
 * piece that lists every skill covering it. The pieces joined give back `text` exactly.
 */
export function segmentText(text: string, spans: readonly Span[]): Segment[] {
  const valid = spans.filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start);
  if (valid.length === 0) return text ? [{ text, skillIds: [] }] : [];
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const from = points[i];
    const to = points[i + 1];
    const skillIds = [...new Set(valid.filter((s) => s.start <= from && s.end >= to).map((s) => s.skillId))];
    const prev = out[out.length - 1];
    if (prev && prev.skillIds.length === 0 && skillIds.length === 0) prev.text += text.slice(from, to);
    else out.push({ text: text.slice(from, to), skillIds });
  }
  return out;
}
