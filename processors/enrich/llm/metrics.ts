// Prometheus metrics of the LLM fill-in.
import { counter, gauge } from '../../../platform/metrics';

export const llmMetrics = {
  calls: counter(
    'techmap_llm_calls_total',
    'LLM calls by outcome (ok, timeout, rate_limited, unavailable, rejected, invalid_answer).',
    ['model', 'outcome'],
  ),
  tokens: counter('techmap_llm_tokens_total', 'LLM tokens used.', ['model', 'kind']),
  cacheHits: counter('techmap_llm_cache_hits_total', 'Answers served from the cache.'),
  skipped: counter(
    'techmap_llm_skipped_total',
    'Fill-ins not asked: disabled, breaker_open, budget_calls, budget_tokens, rate_limited.',
    ['reason'],
  ),
  budgetExhausted: counter('techmap_llm_budget_exhausted_total', 'Calls refused because a daily budget was spent.', [
    'budget',
  ]),
  invalidAnswers: counter('techmap_llm_invalid_answers_total', 'Answer fields that failed validation (ignored).', [
    'field',
  ]),
  breakerState: gauge('techmap_llm_breaker_state', 'LLM circuit breaker: 0 closed, 1 half-open, 2 open.'),
  callsToday: gauge('techmap_llm_calls_today', 'LLM calls made today (UTC), including earlier runs.'),
  tokensToday: gauge('techmap_llm_tokens_today', 'LLM tokens used today (UTC), including earlier runs.'),
};
