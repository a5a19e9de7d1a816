// The one small interface the enrich stage talks to an LLM through, and its Gemini implementation over
// @google/generative-ai. Swapping in @google/genai (or another provider) means writing one more `LlmClient`.
import {
  GoogleGenerativeAI,
  GoogleGenerativeAIAbortError,
  GoogleGenerativeAIFetchError,
  GoogleGenerativeAIResponseError,
  SchemaType,
  type Schema,
} from '@google/generative-ai';
import { TechmapError } from '../../../platform/errors';

/** A provider-neutral JSON schema (the OpenAPI subset Gemini's responseSchema accepts). */
export type JsonSchema =
  | {
      type: 'object';
      properties: Record<string, JsonSchema>;
      required?: string[];
      nullable?: boolean;
      description?: string;
    }
  | { type: 'array'; items: JsonSchema; nullable?: boolean; description?: string }
  | { type: 'string'; enum?: string[]; nullable?: boolean; description?: string }
  | { type: 'number' | 'integer' | 'boolean'; nullable?: boolean; description?: string };

export interface LlmUsage {
  promptTokens: number;
  outputTokens: number;
  totalTokens: number;
}

export interface LlmClient {
  /** Model name, for logs and metrics. */
  readonly model: string;
  /** Asks for one JSON answer matching `schema`. Throws LlmError. */
  generateJson(
    prompt: string,
    schema: JsonSchema,
    opts?: { signal?: AbortSignal },
  ): Promise<{ json: unknown; usage: LlmUsage }>;
}

export type LlmErrorKind = 'timeout' | 'rate_limited' | 'unavailable' | 'rejected' | 'invalid_answer';

export class LlmError extends TechmapError {
  /** Tokens the failed call still consumed (a malformed answer), when known. */
  usage?: LlmUsage;

  constructor(
    readonly llmKind: LlmErrorKind,
    message: string,
    cause?: unknown,
  ) {
    super(message, {
      retriable: llmKind !== 'rejected' && llmKind !== 'invalid_answer',
      kind: `llm_${llmKind}`,
      cause,
    });
  }
}

export function toGeminiSchema(s: JsonSchema): Schema {
  const base = { nullable: s.nullable, description: s.description };
  switch (s.type) {
    case 'object':
      return {
        ...base,
        type: SchemaType.OBJECT,
        properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, toGeminiSchema(v)])),
        required: s.required,
      };
    case 'array':
      return { ...base, type: SchemaType.ARRAY, items: toGeminiSchema(s.items) };
    case 'string':
      return s.enum
        ? { ...base, type: SchemaType.STRING, format: 'enum', enum: s.enum }
        : { ...base, type: SchemaType.STRING };
    case 'number':
      return { ...base, type: SchemaType.NUMBER };
    case 'integer':
      return { ...base, type: SchemaType.INTEGER };
    case 'boolean':
      return { ...base, type: SchemaType.BOOLEAN };
  }
}

/** Maps whatever the SDK threw to an LlmError with a kind the breaker and the metrics understand. */
export function classifyGeminiError(err: unknown, timedOut: boolean): LlmError {
  if (err instanceof LlmError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (timedOut || err instanceof GoogleGenerativeAIAbortError || (err as Error | null)?.name === 'AbortError') {
    return new LlmError('timeout', 'LLM call timed out', err);
  }
  if (err instanceof GoogleGenerativeAIFetchError) {
    const status = err.status ?? 0;
    if (status === 429) return new LlmError('rate_limited', `LLM rate limited (HTTP 429)`, err);
    if (status >= 500) return new LlmError('unavailable', `LLM unavailable (HTTP ${status})`, err);
    return new LlmError('rejected', `LLM rejected the request (HTTP ${status}): ${message.slice(0, 200)}`, err);
  }
  if (err instanceof GoogleGenerativeAIResponseError) {
    return new LlmError('invalid_answer', `LLM gave no usable answer: ${message.slice(0, 200)}`, err);
  }
  return new LlmError('unavailable', `LLM not reachable: ${message.slice(0, 200)}`, err);
}

export interface GeminiOptions {
  apiKey: string;
  model: string;
  /** GEMINI_BASE_URL: e.g. a local server speaking the Gemini REST API (tests). */
  baseUrl?: string;
  timeoutMs: number;
}

export function createGeminiClient(opts: GeminiOptions): LlmClient {
  const genAI = new GoogleGenerativeAI(opts.apiKey);
  return {
    model: opts.model,
    async generateJson(prompt, schema, callOpts = {}) {
      const model = genAI.getGenerativeModel(
        {
          model: opts.model,
          generationConfig: {
            responseMimeType: 'application/json',
            responseSchema: toGeminiSchema(schema),
            temperature: 0,
          },
        },
        opts.baseUrl ? { baseUrl: opts.baseUrl.replace(/\/+$/, '') } : undefined,
      );
      // Our own timer (not the SDK's `timeout`, whose timer is never cleared and keeps the process alive).
      const timeout = AbortSignal.timeout(opts.timeoutMs);
      const signal = callOpts.signal ? AbortSignal.any([timeout, callOpts.signal]) : timeout;
      let text: string;
      let usage: LlmUsage;
      try {
        const result = await model.generateContent(
          { contents: [{ role: 'user', parts: [{ text: prompt }] }] },
          { signal },
        );
        text = result.response.text();
        const meta = result.response.usageMetadata;
        usage = {
          promptTokens: meta?.promptTokenCount ?? 0,
          outputTokens: meta?.candidatesTokenCount ?? 0,
          totalTokens: meta?.totalTokenCount ?? 0,
        };
      } catch (err) {
        throw classifyGeminiError(err, timeout.aborted);
      }
      try {
        return { json: JSON.parse(text) as unknown, usage };
      } catch (err) {
        const e = new LlmError('invalid_answer', `LLM answer is not JSON: ${text.slice(0, 80)}`, err);
        e.usage = usage;
        throw e;
      }
    },
  };
}
