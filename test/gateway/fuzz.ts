// The gateway fuzzer: random and invalid parameters to every route of the OpenAPI document (seeded, bounded,
// loopback only). Shared by the gateway's fuzz test (over a test world) and the reliability suite (over the whole
// running pipeline). The caller asserts: no 5xx, every 4xx a JSON error body without a stack trace.
import { openapiDocument } from '../../gateway/openapi';
import { seededRandom } from '../../producers/demo-board/prng';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking the document

export const VALID: Record<string, string[]> = {
  field: ['backend', 'frontend', 'data-engineering', 'ml'],
  fields: ['backend,frontend', 'backend,frontend,data-engineering'],
  skill: ['java', 'react', 'python', 'java,spring'],
  have: ['java', 'java,spring-boot', ''],
  id: ['wanted%3A101', 'greenhouse%3Aacme%2F301', 'acme', 'beta'],
  limit: ['1', '5', '100'],
  period: ['all', '4w', '6m', '2026-03-01..2026-03-31', '..2026-03-10'],
  status: ['open', 'all', 'closed'],
  seniority: ['mid', 'JUNIOR,SENIOR'],
  region: ['Seoul', 'US', 'Gyeonggi'],
  board: ['wanted', 'jumpit'],
  weeks: ['1', '26', '260'],
  format: ['json', 'csv'],
  sort: ['recent', 'deadline'],
  experience: ['0', '3', 'newcomer'],
  closing_within: ['1', '30', '365'],
  q: ['백엔드', 'Java', 'a'],
  company: ['acme', 'gamma'],
  cursor: ['eyJ2IjoxLCJzIjoicmVjZW50IiwiayI6IjIwMjYtMDMtMTdUMDE6MDA6MDAuMDAwWiIsImkiOiJ4In0'],
};

const JUNK = [
  '',
  ' ',
  '-1',
  '0',
  '1.5',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  '99999999999999999999',
  '-99999999999',
  "' OR 1=1 --",
  '"; DROP TABLE postings; --',
  '%',
  '_',
  '\\',
  '%25%25',
  '<script>alert(1)</script>',
  '🙂🙂🙂',
  '../../etc/passwd',
  'a'.repeat(300),
  'ㄱ'.repeat(200),
  ',,,',
  'java,java',
  'a,'.repeat(60),
  '0000-00-00..9999-99-99',
  '2026-02-29..2026-03-01',
  '0001-01-01..',
  'null',
  'undefined',
  '[object Object]',
  '\u0000',
  '\u202e',
];

const RAW_SEGMENTS = [
  '%ZZ',
  '%E0%A4%A',
  '%00',
  '..',
  '.',
  '%2e%2e',
  'a%2Fb',
  '%F0%9F%99%82',
  'x'.repeat(400),
  ':',
  '%3A%3A',
];

export interface FuzzOptions {
  perOperation: number;
  seed: number;
  adminToken: string;
  /** Valid values per parameter name that replace the defaults (ids and companies of the data under test). */
  valid?: Record<string, string[]>;
}

export interface FuzzResult {
  sent: number;
  statuses: Record<string, number>;
  failures: string[];
}

/** Sends `perOperation` random requests to each operation of the OpenAPI document at `url`. */
export async function fuzzGateway(url: string, opts: FuzzOptions): Promise<FuzzResult> {
  const valid: Record<string, string[]> = { ...VALID, ...opts.valid };
  const rand = seededRandom(opts.seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const value = (name: string): string => {
    const r = rand();
    if (r < 0.35 && valid[name]) return pick(valid[name]!);
    if (r < 0.45) return pick(Object.values(valid).flat());
    return encodeURIComponent(pick(JUNK));
  };
  const failures: string[] = [];
  const statuses: Record<string, number> = {};
  let sent = 0;
  const doc = openapiDocument as unknown as Json;
  for (const [template, ops] of Object.entries(doc.paths as Json)) {
    for (const [method, op] of Object.entries(ops as Json)) {
      const params = ((op as Json).parameters ?? []) as Json[];
      for (let i = 0; i < opts.perOperation; i++) {
        const path = template.replace(/\{([^}]+)\}/g, (_m, name: string) =>
          rand() < 0.2 ? pick(RAW_SEGMENTS) : value(name),
        );
        const query: string[] = [];
        for (const p of params.filter((x) => x.in === 'query')) {
          if (rand() < 0.5) query.push(`${p.name}=${value(p.name)}`);
          if (rand() < 0.05) query.push(`${p.name}=${value(p.name)}`); // given twice
        }
        if (rand() < 0.15) query.push(`${pick(['x', 'limit[]', 'a.b', '__proto__', 'constructor'])}=${value('x')}`);
        const target = `${url}${path}${query.length > 0 ? `?${query.join('&')}` : ''}`;
        const init: RequestInit = { method: method.toUpperCase() };
        if (method === 'post') {
          const bodies = [
            '{}',
            JSON.stringify({ board: value('board') }),
            JSON.stringify({ board: 'wanted', maxPages: pick([-1, 0, 1, 5000, 1.5, 'x']) }),
            JSON.stringify({ stage: pick(JUNK), max: pick([0, 1, 1e9, -5, null]) }),
            '[1,2,3]',
            '"string"',
            'null',
            '{"board":',
            decodeURIComponent(encodeURIComponent(pick(JUNK))),
          ];
          init.body = pick(bodies);
          init.headers = {
            'content-type': pick(['application/json', 'text/plain', 'application/x-www-form-urlencoded']),
            authorization: pick([
              `Bearer ${opts.adminToken}`,
              `Bearer ${opts.adminToken}`,
              'Bearer wrong',
              'Basic abc',
              '',
            ]),
          };
        }
        let res: Response;
        try {
          res = await fetch(target, init);
        } catch {
          continue; // a URL fetch itself refuses to send is not a request to the gateway
        }
        sent++;
        const text = await res.text();
        statuses[res.status] = (statuses[res.status] ?? 0) + 1;
        if (res.status >= 500)
          failures.push(`${init.method} ${target} ${String(init.body ?? '')} -> ${res.status} ${text.slice(0, 200)}`);
        else if (res.status >= 400) {
          let body: Json = {};
          try {
            body = JSON.parse(text) as Json;
          } catch {
            failures.push(`${init.method} ${target} -> ${res.status} with a non-JSON body`);
          }
          if (typeof body.error !== 'string' || typeof body.message !== 'string' || /\n\s+at /.test(text)) {
            failures.push(`${init.method} ${target} -> ${res.status} body ${text.slice(0, 200)}`);
          }
        }
      }
    }
  }
  return { sent, statuses, failures };
}
