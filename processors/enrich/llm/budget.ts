// Daily LLM budgets (calls and tokens per UTC day). Usage is appended to a small file per day under
// TECHMAP_INFRA_DIR/llm/, so a restart does not hand out the day's budget again.
import path from 'node:path';
import { JsonLinesFile } from './jsonl';

export interface DayUsage {
  day: string;
  calls: number;
  tokens: number;
}

/** Where a day's usage is kept. */
export interface UsageLog {
  load(day: string): { calls: number; tokens: number };
  append(day: string, calls: number, tokens: number): void;
}

export type BudgetVerdict = 'ok' | 'calls' | 'tokens';

export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export class DailyBudget {
  private usage: DayUsage;

  constructor(
    private readonly limits: { calls: number; tokens: number },
    private readonly log?: UsageLog,
    private readonly now: () => number = Date.now,
  ) {
    this.usage = this.loadDay(utcDay(now()));
  }

  private loadDay(day: string): DayUsage {
    return { day, ...(this.log?.load(day) ?? { calls: 0, tokens: 0 }) };
  }

  private roll(): void {
    const day = utcDay(this.now());
    if (day !== this.usage.day) this.usage = this.loadDay(day);
  }

  /** Takes one call from today's budget, or says which budget is spent. */
  tryReserveCall(): BudgetVerdict {
    this.roll();
    if (this.usage.calls >= this.limits.calls) return 'calls';
    if (this.usage.tokens >= this.limits.tokens) return 'tokens';
    this.usage.calls++;
    this.log?.append(this.usage.day, 1, 0);
    return 'ok';
  }

  addTokens(tokens: number): void {
    if (tokens <= 0) return;
    this.roll();
    this.usage.tokens += tokens;
    this.log?.append(this.usage.day, 0, tokens);
  }

  today(): DayUsage {
    this.roll();
    return { ...this.usage };
  }
}

/** Usage lines `{"calls":1,"tokens":0}` appended to `<dir>/usage-<day>.jsonl`; a torn last line is ignored. */
export class FileUsageLog implements UsageLog {
  private readonly files = new Map<string, JsonLinesFile>();

  constructor(private readonly dir: string) {}

  private file(day: string): JsonLinesFile {
    let f = this.files.get(day);
    if (!f) {
      f = new JsonLinesFile(path.join(this.dir, `usage-${day}.jsonl`));
      this.files.set(day, f);
    }
    return f;
  }

  load(day: string) {
    const total = { calls: 0, tokens: 0 };
    for (const line of this.file(day).read()) {
      const v = line as { calls?: unknown; tokens?: unknown };
      total.calls += Number(v.calls) || 0;
      total.tokens += Number(v.tokens) || 0;
    }
    return total;
  }

  append(day: string, calls: number, tokens: number) {
    this.file(day).append({ calls, tokens });
  }
}

/** Today's LLM usage as recorded under `dir` (for the gateway's pipeline view and `techmap` commands). */
export function readLlmUsage(dir: string, day = utcDay(Date.now())): DayUsage {
  return { day, ...new FileUsageLog(dir).load(day) };
}
