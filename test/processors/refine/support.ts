// Helpers of the refine tests: raw records from fixture files and an in-memory store for the dedup stage.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeyValueStore } from '../../../processors/runner';
import type { RawPosting } from '../../../processors/refine/types';

export const fixturesDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export function fixture(name: string): string {
  return fs.readFileSync(path.join(fixturesDir, name), 'utf8');
}

/** 2026-09-10T00:00:00Z, the fetch time of every fixture record. */
export const FETCHED_AT = Date.UTC(2026, 8, 10);

export function rawPosting(
  board: string,
  boardPostingId: string,
  body: string,
  over: Partial<RawPosting> = {},
): RawPosting {
  return {
    board,
    boardPostingId,
    change: 'NEW',
    url: `https://${board}.example/jobs/${boardPostingId}`,
    sourceUrl: `https://api.${board}.example/jobs/${boardPostingId}`,
    fetchedAt: FETCHED_AT,
    httpStatus: 200,
    contentType: body.trimStart().startsWith('<') ? 'text/html; charset=utf-8' : 'application/json',
    body: Buffer.from(body, 'utf8'),
    listEntry: null,
    contentHash: 'c0ffee',
    etag: null,
    lastModified: null,
    crawlRunId: 'run-1',
    ...over,
  };
}

/** The store contract of the runner, in memory (no changelog). */
export class MemoryStore<V> implements KeyValueStore<V> {
  readonly map = new Map<string, V>();
  get(key: string): V | undefined {
    return this.map.get(key);
  }
  put(key: string, value: V | null): void {
    if (value === null) this.map.delete(key);
    else this.map.set(key, value);
  }
}
