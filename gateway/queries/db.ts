// The SQL edge: every query is a prepared statement with placeholders (mysql2 `execute`), never string-built values.
import type { Pool, PoolConnection, RowDataPacket } from 'mysql2/promise';

/** What query functions need of a mysql2 pool (a pool or one connection). */
export type Db = Pick<Pool, 'execute' | 'query'> | Pick<PoolConnection, 'execute' | 'query'>;

export type SqlValue = string | number | null | Date;

/** Runs a prepared statement and returns its rows typed as T. */
export async function rows<T>(db: Db, sql: string, params: SqlValue[] = []): Promise<T[]> {
  const [result] = await db.execute<RowDataPacket[]>(sql, params);
  return result as unknown as T[];
}

export async function one<T>(db: Db, sql: string, params: SqlValue[] = []): Promise<T | undefined> {
  return (await rows<T>(db, sql, params))[0];
}

/** `?, ?, ?` for an IN list of n values (n >= 1); the values themselves still go as parameters. */
export function placeholders(n: number): string {
  if (n < 1) throw new Error('placeholders: empty list');
  return new Array<string>(n).fill('?').join(', ');
}

/** DATE / DATETIME columns come back as JS Dates (UTC session); null stays null. */
export function isoTime(d: Date | string | null | undefined): string | null {
  if (d == null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

export function isoDate(d: Date | string | null | undefined): string | null {
  const t = isoTime(d);
  return t ? t.slice(0, 10) : null;
}

/** COUNT/SUM results may come back as strings (DECIMAL) or bigints; numbers for JSON. */
export function num(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return Number(v);
  return 0;
}
