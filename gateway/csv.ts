// CSV exports (RFC 4180): quoted where needed, UTF-8 with a BOM so spreadsheet apps read Korean correctly, and
// cells that a spreadsheet would run as a formula (=, +, -, @ first) prefixed with a quote.
import type Koa from 'koa';

export type Cell = string | number | boolean | null | undefined;

export function csvCell(v: Cell): string {
  if (v === null || v === undefined) return '';
  let s = String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: Cell[][]): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** Sends `csv` as a download named `filename` (ASCII letters, digits, '-', '_', '.' only). */
export function sendCsv(ctx: Koa.Context | Koa.ParameterizedContext, filename: string, csv: string): void {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  ctx.type = 'text/csv; charset=utf-8';
  ctx.set('Content-Disposition', `attachment; filename="${safe}"`);
  ctx.body = csv;
}

/** Sends `body` as a JSON download named `filename`. */
export function sendJsonDownload(ctx: Koa.Context | Koa.ParameterizedContext, filename: string, body: unknown): void {
  const safe = filename.replace(/[^A-Za-z0-9._-]/g, '_');
  ctx.type = 'application/json; charset=utf-8';
  ctx.set('Content-Disposition', `attachment; filename="${safe}"`);
  ctx.body = JSON.stringify(body);
}
