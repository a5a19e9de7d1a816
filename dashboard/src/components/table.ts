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
