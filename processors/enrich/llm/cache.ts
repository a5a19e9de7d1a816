// The LLM answer cache, keyed by sha256(prompt version + prompt content): the same posting asked the same
// questions with the same prompt is never paid for twice.
//
// Where it lives: a JSON Lines file under TECHMAP_INFRA_DIR/llm/ (append-only, loaded at start). Why: the cache is
// an optimisation, never needed for correctness (a miss costs one call), so it needs no schema, topic or
// migration; append-only writes survive a kill -9 (a torn last line is skipped at load) and the file survives
// restarts. Each instance keeps its own file; in containers, mount a volume there to keep it.
import { createHash } from 'node:crypto';
import { JsonLinesFile } from './jsonl';

export interface LlmCache {
  get(key: string): unknown;
  put(key: string, answer: unknown): void;
  readonly size: number;
}

export function cacheKey(promptVersion: string, content: string): string {
  return createHash('sha256').update(promptVersion).update('\n').update(content).digest('hex');
}

export class MemoryLlmCache implements LlmCache {
  protected readonly entries = new Map<string, unknown>();

  get(key: string): unknown {
    return this.entries.get(key);
  }

  put(key: string, answer: unknown): void {
    this.entries.set(key, answer);
  }

  get size(): number {
    return this.entries.size;
  }
}

export class FileLlmCache extends MemoryLlmCache {
  private readonly lines: JsonLinesFile;

  constructor(readonly file: string) {
    super();
    this.lines = new JsonLinesFile(file);
    for (const line of this.lines.read()) {
      const { key, answer } = line as { key?: unknown; answer?: unknown };
      if (typeof key === 'string') this.entries.set(key, answer);
    }
  }

  override put(key: string, answer: unknown): void {
    if (this.entries.has(key)) return;
    super.put(key, answer);
    this.lines.append({ key, answer, at: new Date().toISOString() });
  }
}
