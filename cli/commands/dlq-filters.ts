// The selection options `techmap dlq list` and `techmap dlq retry` share: --stage, --since, --limit.
import { InvalidArgumentError, type Command } from 'commander';
import type { DeadLetterFilter } from '../../platform/dead-letter-queue';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** '90m', '2h', '7d' (ago, from `now`) or an ISO date/time → epoch ms. */
export function parseSince(text: string, now = Date.now()): number {
  const relative = /^(\d+)([smhd])$/.exec(text.trim());
  if (relative) return now - Number(relative[1]) * UNIT_MS[relative[2]!]!;
  const at = Date.parse(text);
  if (/^\d{4}-\d{2}-\d{2}/.test(text) && Number.isFinite(at)) return at;
  throw new InvalidArgumentError("must be a duration such as 30m, 2h, 7d or an ISO time such as '2026-03-01T09:00Z'");
}

function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('must be a positive integer');
  return n;
}

export interface FilterOptions {
  stage?: string;
  since?: number;
  limit?: number;
  json?: boolean;
}

export function addFilterOptions(cmd: Command, limitHelp: string, defaultLimit?: number): Command {
  return cmd
    .option('--stage <stage>', 'only letters of this stage: refine, enrich, sink.mysql, sink.dynamodb, sink.s3 ...')
    .option('--since <when>', 'only letters that failed since then: 30m, 2h, 7d ago or an ISO time', (v) =>
      parseSince(v),
    )
    .option('--limit <n>', limitHelp, positiveInt, defaultLimit)
    .option('--json', 'print JSON (one object per line) instead of text');
}

export function filterOf(opts: FilterOptions): DeadLetterFilter {
  return { stage: opts.stage, since: opts.since };
}
