// Turning what a page shows into files: CSV (RFC 4180, with a BOM so spreadsheet apps read Korean) and JSON.

export interface Column<Row> {
  key: string;
  /** Header text (already translated). */
  label: string;
  value: (row: Row) => string | number | boolean | null | undefined;
}

function csvCell(v: string | number | boolean | null | undefined): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\r\n]/.test(s) || /^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV text with a header row; lines end with CRLF as RFC 4180 says. */
export function toCsv<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const lines = [columns.map((c) => csvCell(c.label)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvCell(c.value(row))).join(','));
  return lines.join('\r\n') + '\r\n';
}

/** Plain objects keyed by column key, for the JSON export. */
export function toRecords<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): Array<Record<string, unknown>> {
  return rows.map((row) => Object.fromEntries(columns.map((c) => [c.key, c.value(row) ?? null])));
}

/** A file name from parts: lower case, safe characters, no empty parts. */
export function exportFileName(parts: Array<string | number | null | undefined>, ext: 'csv' | 'json'): string {
  const base = parts
    .filter((p) => p !== null && p !== undefined && p !== '')
    .map((p) =>
      String(p)
        .toLowerCase()
        .replace(/[^a-z0-9가-힣._-]+/g, '-')
        .replace(/^-+|-+$/g, ''),
    )
    .filter(Boolean)
    .join('_');
  return `${base || 'techmap'}.${ext}`;
}

/** Starts a download of `text` in the browser. */
export function downloadText(fileName: string, text: string, mime: string): void {
  const blob = new Blob([mime.startsWith('text/csv') ? '\ufeff' + text : text], { type: mime });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
