// Column description shared by DataTable (what a person reads) and the exports (what a file holds).
import type { RouteLocationRaw } from 'vue-router';
import type { Column } from '../lib/export';

export interface TableColumn<Row> extends Column<Row> {
  /** Formatted text for the screen; the raw value() goes to the exports. */
  display?: (row: Row) => string;
  /** Makes the cell a link inside the app. */
  to?: (row: Row) => RouteLocationRaw | null;
  numeric?: boolean;
  /** Long free text (error messages): may wrap; other cells stay on one line and the table scrolls. */
  wrap?: boolean;
}

/** A 0..1 share: a percentage on screen, the percentage with two decimals in the exports. */
export function shareColumn<Row extends { share: number }>(
  label: string,
  percent: (share: number) => string,
): TableColumn<Row> {
  return {
    key: 'share',
    label,
    value: (r) => Number((r.share * 100).toFixed(2)),
    display: (r) => percent(r.share),
    numeric: true,
  };
}

/** The number of postings behind a row. */
export function postingsColumn<Row extends { count: number }>(
  label: string,
  integer: (n: number) => string,
): TableColumn<Row> {
  return { key: 'postings', label, value: (r) => r.count, display: (r) => integer(r.count), numeric: true };
}
