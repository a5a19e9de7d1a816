// The LLM fill-in: asks the LLM what the rules could not decide, within a cache, daily budgets, a rate limit, a
// circuit breaker and a timeout. It never throws and never waits longer than the timeout: whatever goes wrong, the
// caller gets `answer: undefined` and keeps its rules result.
import path from 'node:path';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Config } from '../../../platform/config';
import { componentLogger, type Logger } from '../../../platform/logger';
import { CircuitBreaker, type BreakerState } from './breaker';
import { DailyBudget, FileUsageLog, type UsageLog } from './budget';
import { cacheKey, FileLlmCache, MemoryLlmCache, type LlmCache } from './cache';
import { createGeminiClient, LlmError, type LlmClient } from './client';
import { llmMetrics } from './metrics';
import {
  askedFields,
  buildPrompt,
  parseAnswer,
  PROMPT_VERSION,
  responseSchema,
  type FillInAnswer,
  type FillInField,
  type FillInRequest,
} from './prompt';
import { RateLimiter } from './rate-limit';

export type FillInOutcome =
  | 'answered'
  | 'cached'
  | 'nothing_asked'
  | 'disabled'
  | 'breaker_open'
  | 'budget_calls'
  | 'budget_tokens'
  | 'rate_limited'
  | 'failed'
  | 'invalid';

export interface FillInResult {
  outcome: FillInOutcome;
  /** The checked answer (fields that failed their check are absent); undefined when nothing usable came back. */
  answer?: FillInAnswer;
  invalid?: FillInField[];
  cached: boolean;
  promptVersion: string;
}

export interface LlmFillInOptions {
  /** null = rules only. */
  client: LlmClient | null;
  cache: LlmCache;
  budget: DailyBudget;
  rateLimiter: RateLimiter;
  breaker: CircuitBreaker;
  timeoutMs: number;
  /**
   * Calls in flight at once, whatever asks (the runner enriches the batches of several partitions side by side).
   * The breaker, budget and rate limit are consulted when a call starts, so calls queued here see a breaker that
   * opened meanwhile. Default 8.
   */
  maxInFlight?: number;
  logger?: Logger;
}

const breakerValue: Record<BreakerState, number> = { closed: 0, 'half-open': 1, open: 2 };

export class LlmFillIn {
  private readonly log: Logger;
  private readonly limit: LimitFunction;

  constructor(private readonly opts: LlmFillInOptions) {
    this.log = opts.logger ?? componentLogger('enrich.llm');
    this.limit = pLimit(opts.maxInFlight ?? 8);
    const today = opts.budget.today();
    llmMetrics.callsToday.set(today.calls);
    llmMetrics.tokensToday.set(today.tokens);
    llmMetrics.breakerState.set(breakerValue[opts.breaker.state]);
  }

  get enabled(): boolean {
    return this.opts.client !== null;
  }

  get breakerState(): BreakerState {
    return this.opts.breaker.state;
  }

  async ask(req: FillInRequest): Promise<FillInResult> {
    const base = { cached: false as const, promptVersion: PROMPT_VERSION };
    if (askedFields(req).length === 0) return { ...base, outcome: 'nothing_asked' };
    const prompt = buildPrompt(req);
    const key = cacheKey(PROMPT_VERSION, prompt);
    const hit = this.opts.cache.get(key);
    if (hit !== undefined) {
      const { answer, invalid } = parseAnswer(hit, req);
      if (invalid.length === 0) {
        llmMetrics.cacheHits.inc();
        return { ...base, outcome: 'cached', answer, cached: true };
      }
    }
    const client = this.opts.client;
    if (!client) return this.skip('disabled');
    return this.limit(() => this.call(client, req, prompt, key, base));
  }

  private async call(
    client: LlmClient,
    req: FillInRequest,
    prompt: string,
    key: string,
    base: { cached: false; promptVersion: string },
  ): Promise<FillInResult> {
    if (!this.opts.breaker.tryAcquire()) return this.skip('breaker_open');
    const verdict = this.opts.budget.tryReserveCall();
    if (verdict !== 'ok') {
      this.opts.breaker.release();
      llmMetrics.budgetExhausted.inc({ budget: verdict });
      return this.skip(verdict === 'calls' ? 'budget_calls' : 'budget_tokens');
    }
    if (!this.opts.rateLimiter.tryTake()) {
      this.opts.breaker.release();
      return this.skip('rate_limited');
    }
    const started = Date.now();
    let json: unknown;
    try {
      const res = await withTimeout(client.generateJson(prompt, responseSchema(req)), this.opts.timeoutMs);
      json = res.json;
      this.countTokens(client.model, res.usage);
    } catch (err) {
      const e = err instanceof LlmError ? err : new LlmError('unavailable', String(err), err);
      if (e.usage) this.countTokens(client.model, e.usage);
      llmMetrics.calls.inc({ model: client.model, outcome: e.llmKind });
      this.failure();
      this.log.warn(
        { kind: e.llmKind, err: e.message, ms: Date.now() - started },
        'LLM call failed: rules result kept',
      );
      return { ...base, outcome: e.llmKind === 'invalid_answer' ? 'invalid' : 'failed' };
    }
    const { answer, invalid } = parseAnswer(json, req);
    for (const field of invalid) llmMetrics.invalidAnswers.inc({ field });
    if (invalid.length > 0) {
      llmMetrics.calls.inc({ model: client.model, outcome: 'invalid_answer' });
      this.failure();
      this.log.warn({ invalid }, 'LLM answer failed validation: those fields keep the rules result');
      return { ...base, outcome: 'invalid', answer, invalid };
    }
    llmMetrics.calls.inc({ model: client.model, outcome: 'ok' });
    this.opts.breaker.success();
    llmMetrics.breakerState.set(breakerValue[this.opts.breaker.state]);
    this.opts.cache.put(key, json);
    return { ...base, outcome: 'answered', answer };
  }

  private failure() {
    this.opts.breaker.failure();
    llmMetrics.breakerState.set(breakerValue[this.opts.breaker.state]);
  }

  private countTokens(model: string, usage: { promptTokens: number; outputTokens: number; totalTokens: number }) {
    this.opts.budget.addTokens(usage.totalTokens);
    llmMetrics.tokens.inc({ model, kind: 'prompt' }, usage.promptTokens);
    llmMetrics.tokens.inc({ model, kind: 'output' }, usage.outputTokens);
    const today = this.opts.budget.today();
    llmMetrics.callsToday.set(today.calls);
    llmMetrics.tokensToday.set(today.tokens);
  }

  private skip(outcome: FillInOutcome): FillInResult {
    llmMetrics.skipped.inc({ reason: outcome });
    return { outcome, cached: false, promptVersion: PROMPT_VERSION };
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new LlmError('timeout', `LLM call took longer than ${ms} ms`)), ms + 250);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The fill-in as configured: Gemini when GEMINI_API_KEY is set, otherwise rules only (no client). */
export function createLlmFillIn(
  config: Config,
  deps: {
    client?: LlmClient | null;
    cache?: LlmCache;
    usageLog?: UsageLog;
    now?: () => number;
    logger?: Logger;
    maxInFlight?: number;
  } = {},
): LlmFillIn {
  const dir = path.join(config.infraDir, 'llm');
  const client =
    deps.client !== undefined
      ? deps.client
      : config.geminiApiKey
        ? createGeminiClient({
            apiKey: config.geminiApiKey,
            model: config.geminiModel,
            baseUrl: config.geminiBaseUrl,
            timeoutMs: config.llmTimeoutMs,
          })
        : null;
  const now = deps.now ?? Date.now;
  return new LlmFillIn({
    client,
    cache: deps.cache ?? (client ? new FileLlmCache(path.join(dir, 'cache.jsonl')) : new MemoryLlmCache()),
    budget: new DailyBudget(
      { calls: config.llmDailyCallBudget, tokens: config.llmDailyTokenBudget },
      deps.usageLog ?? new FileUsageLog(dir),
      now,
    ),
    rateLimiter: new RateLimiter(config.llmRatePerMinute, now),
    breaker: new CircuitBreaker(config.llmBreakerFailures, config.llmBreakerCooldownMs, now),
    timeoutMs: config.llmTimeoutMs,
    maxInFlight: deps.maxInFlight,
    logger: deps.logger,
  });
}
