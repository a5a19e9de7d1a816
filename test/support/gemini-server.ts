// A local HTTP server that speaks the Gemini REST API (POST /v1beta/models/{model}:generateContent), so tests can
// point @google/generative-ai at it through GEMINI_BASE_URL. Each test scripts its replies: JSON answers, HTTP
// errors (429, 500...), malformed text, answers without candidates, and replies that never come (timeouts).
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type GeminiReply =
  | { kind: 'json'; json: unknown; promptTokens?: number; outputTokens?: number }
  | { kind: 'text'; text: string }
  | { kind: 'error'; status: number; message?: string }
  | { kind: 'no-candidates' }
  | { kind: 'hang' }
  | { kind: 'delay'; ms: number; then: GeminiReply };

export interface GeminiRequest {
  model: string;
  apiKey: string | undefined;
  /** The request body as sent by the SDK. */
  body: {
    contents?: Array<{ role?: string; parts?: Array<{ text?: string }> }>;
    generationConfig?: { responseMimeType?: string; responseSchema?: { properties?: Record<string, unknown> } };
  };
  prompt: string;
  /** Names of the properties of the requested response schema (the questions asked). */
  asked: string[];
}

export type GeminiHandler = (req: GeminiRequest) => GeminiReply;

const statusNames: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  403: 'PERMISSION_DENIED',
  429: 'RESOURCE_EXHAUSTED',
  500: 'INTERNAL',
  503: 'UNAVAILABLE',
};

export class FakeGeminiServer {
  readonly requests: GeminiRequest[] = [];
  private server: http.Server | undefined;
  private handler: GeminiHandler = () => ({ kind: 'json', json: {} });
  private readonly queue: GeminiReply[] = [];
  private readonly open = new Set<http.ServerResponse>();

  /** Base URL to give the SDK (RequestOptions.baseUrl / GEMINI_BASE_URL). */
  url = '';

  async start(): Promise<this> {
    this.server = http.createServer((req, res) => void this.serve(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', () => resolve()));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    for (const res of this.open) res.destroy();
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }

  /** Replies computed per request (used once the queue of scripted replies is empty). */
  onRequest(handler: GeminiHandler): this {
    this.handler = handler;
    return this;
  }

  /** Replies for the next requests, in order. */
  enqueue(...replies: GeminiReply[]): this {
    this.queue.push(...replies);
    return this;
  }

  private async serve(req: http.IncomingMessage, res: http.ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const match = /^\/v1beta\/models\/([^/:]+):generateContent$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      return send(res, 404, {
        error: { code: 404, message: `no route ${req.method} ${req.url}`, status: 'NOT_FOUND' },
      });
    }
    let body: GeminiRequest['body'];
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GeminiRequest['body'];
    } catch {
      return send(res, 400, { error: { code: 400, message: 'invalid JSON payload', status: 'INVALID_ARGUMENT' } });
    }
    const request: GeminiRequest = {
      model: decodeURIComponent(match[1]!),
      apiKey: req.headers['x-goog-api-key'] as string | undefined,
      body,
      prompt: body.contents?.map((c) => c.parts?.map((p) => p.text ?? '').join('')).join('\n') ?? '',
      asked: Object.keys(body.generationConfig?.responseSchema?.properties ?? {}),
    };
    this.requests.push(request);
    if (!request.apiKey) {
      return send(res, 403, { error: { code: 403, message: 'API key missing', status: 'PERMISSION_DENIED' } });
    }
    await this.reply(res, this.queue.shift() ?? this.handler(request));
  }

  private async reply(res: http.ServerResponse, reply: GeminiReply): Promise<void> {
    switch (reply.kind) {
      case 'hang':
        this.open.add(res);
        res.on('close', () => this.open.delete(res));
        return;
      case 'delay':
        await new Promise((r) => setTimeout(r, reply.ms));
        return this.reply(res, reply.then);
      case 'error':
        return send(res, reply.status, {
          error: {
            code: reply.status,
            message: reply.message ?? 'fake error',
            status: statusNames[reply.status] ?? 'UNKNOWN',
          },
        });
      case 'no-candidates':
        return send(res, 200, { promptFeedback: { blockReason: 'OTHER' }, usageMetadata: usage(10, 0) });
      case 'text':
        return send(res, 200, candidate(reply.text, usage(100, 5)));
      case 'json':
        return send(
          res,
          200,
          candidate(JSON.stringify(reply.json), usage(reply.promptTokens ?? 100, reply.outputTokens ?? 20)),
        );
    }
  }
}

function usage(prompt: number, output: number) {
  return { promptTokenCount: prompt, candidatesTokenCount: output, totalTokenCount: prompt + output };
}

function candidate(text: string, usageMetadata: ReturnType<typeof usage>) {
  return {
    candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP', index: 0 }],
    usageMetadata,
    modelVersion: 'fake-gemini',
  };
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
  res.end(JSON.stringify(body));
}
