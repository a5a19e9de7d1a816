// Real responses of every operation of the OpenAPI document, validated against its response schemas (ajv,
// JSON Schema 2020-12 as OpenAPI 3.1 uses it). Fails when a route answers something its document does not say,
// and when an operation of the document was not exercised.
import assert from 'node:assert/strict';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { openapiDocument } from '../../gateway/openapi';
import { ADMIN_TOKEN, call, createWorld, type World } from './support';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- walking the document

const doc = JSON.parse(JSON.stringify(openapiDocument)) as Json;

function compileSchemas(): (schema: Json) => ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allErrors: true });
  ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
  ajv.addFormat('date-time', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/);
  // The component schemas as one schema document, refs rewritten from #/components/schemas/X to #/$defs/X.
  const defs = JSON.parse(
    JSON.stringify(doc.components.schemas).replaceAll('#/components/schemas/', 'openapi#/$defs/'),
  );
  ajv.addSchema({ $id: 'openapi', $defs: defs });
  const cache = new Map<string, ValidateFunction>();
  return (schema) => {
    const text = JSON.stringify(schema).replaceAll('#/components/schemas/', 'openapi#/$defs/');
    let v = cache.get(text);
    if (!v) cache.set(text, (v = ajv.compile(JSON.parse(text))));
    return v;
  };
}

/** The operation (path template + method) a concrete request path belongs to. */
function operationOf(method: string, path: string): { template: string; op: Json } {
  const pathname = path.split('?')[0]!;
  // Literal paths win over templates (/postings/export before /postings/{id}).
  const templates = Object.keys(doc.paths).sort((a, b) => a.split('{').length - b.split('{').length);
  for (const template of templates) {
    const re = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    const op = doc.paths[template][method.toLowerCase()];
    if (re.test(pathname) && op) return { template, op };
  }
  throw new Error(`no operation in the OpenAPI document for ${method} ${pathname}`);
}

describe('OpenAPI document vs real responses (integration)', function () {
  this.timeout(120000);
  let world: World;
  let url: string;
  const validatorFor = compileSchemas();
  const exercised = new Set<string>();

  async function check(method: string, path: string, init: RequestInit = {}, expectStatus?: number) {
    const r = await call(`${url}${path}`, { ...init, method });
    const { template, op } = operationOf(method, path);
    exercised.add(`${method} ${template}`);
    if (expectStatus !== undefined) assert.equal(r.status, expectStatus, `${method} ${path}: ${r.text}`);
    const response = op.responses[String(r.status)];
    assert.ok(response, `${method} ${template}: status ${r.status} is not documented (${r.text.slice(0, 200)})`);
    if (r.status === 304) {
      assert.equal(r.text, '');
      return r;
    }
    const type = (r.headers.get('content-type') ?? '').split(';')[0]!.trim();
    const media = response.content?.[type];
    assert.ok(media, `${method} ${template} ${r.status}: content type ${type} is not documented`);
    if (type === 'application/json') {
      const validate = validatorFor(media.schema);
      assert.ok(validate(r.body), `${method} ${path} ${r.status}: ${JSON.stringify(validate.errors?.slice(0, 5))}`);
    }
    return r;
  }

  before(async () => {
    world = await createWorld('openapi');
    url = (await world.listen(world.app())).url;
  });
  after(async () => {
    await world?.close();
  });

  it('the document compiles (every component schema is valid JSON Schema 2020-12)', () => {
    for (const name of Object.keys(doc.components.schemas)) validatorFor({ $ref: `#/components/schemas/${name}` });
    for (const [template, ops] of Object.entries(doc.paths as Json)) {
      for (const [method, op] of Object.entries(ops as Json)) {
        for (const [status, res] of Object.entries((op as Json).responses as Json)) {
          for (const media of Object.values((res as Json).content ?? {})) {
            assert.doesNotThrow(() => validatorFor((media as Json).schema), `${method} ${template} ${status}`);
          }
        }
      }
    }
  });

  it('the schemas are strict: a missing or an extra property fails', async () => {
    const fields = validatorFor({ $ref: '#/components/schemas/FieldsResponse' });
    assert.equal(fields({ fields: [{ id: 'x', name: 'X', nameKo: 'X', postings: 1, openPostings: 1 }] }), true);
    assert.equal(fields({ fields: [{ id: 'x', name: 'X', nameKo: 'X', postings: 1 }] }), false);
    assert.equal(fields({ fields: [], more: 1 }), false);
    const page = (await call(`${url}/api/v1/postings?limit=1`)).body as Json;
    const summary = validatorFor({ $ref: '#/components/schemas/PostingSummary' });
    assert.equal(summary(page.items[0]), true);
    assert.equal(summary({ ...page.items[0], surprise: true }), false);
    assert.equal(summary({ ...page.items[0], skills: undefined }), false);
  });

  it('aggregate routes', async () => {
    const fields = await check('GET', '/api/v1/fields', {}, 200);
    await check('GET', '/api/v1/fields', { headers: { 'If-None-Match': fields.headers.get('etag')! } }, 304);
    await check('GET', '/api/v1/fields/backend/skills', {}, 200);
    await check('GET', '/api/v1/fields/backend/skills?period=4w&status=open&limit=3', {}, 200);
    await check('GET', '/api/v1/fields/backend/skills?seniority=mid&board=wanted&region=Seoul', {}, 200);
    await check('GET', '/api/v1/fields/ml/skills', {}, 200); // a taxonomy field with no postings yet
    await check('GET', '/api/v1/fields/backend/skills?format=csv', {}, 200);
    await check('GET', '/api/v1/fields/astronaut/skills', {}, 404);
    await check('GET', '/api/v1/fields/backend/skills?limit=0', {}, 400);
    await check('GET', '/api/v1/skills/java/trend?field=backend', {}, 200);
    await check('GET', '/api/v1/skills/java/trend', {}, 200);
    await check('GET', '/api/v1/skills/nope-nope/trend', {}, 404);
    await check('GET', '/api/v1/skills/java/related?field=backend', {}, 200);
    await check('GET', '/api/v1/skills/java/related', {}, 200);
    await check('GET', '/api/v1/skills/java/related?limit=x', {}, 400);
    await check('GET', '/api/v1/compare?fields=backend,frontend,data-engineering', {}, 200);
    await check('GET', '/api/v1/compare?fields=backend,frontend&period=2w&status=open', {}, 200);
    await check('GET', '/api/v1/compare?fields=backend', {}, 400);
    await check('GET', '/api/v1/recommend?field=backend&have=java', {}, 200);
    await check('GET', '/api/v1/recommend?field=ml', {}, 200);
    await check('GET', '/api/v1/recommend?field=backend&have=zzz', {}, 400);
  });

  it('postings, documents and companies', async () => {
    const page = await check('GET', '/api/v1/postings?limit=4', {}, 200);
    await check('GET', `/api/v1/postings?limit=4&cursor=${(page.body as Json).nextCursor}`, {}, 200);
    await check('GET', '/api/v1/postings?status=all&sort=deadline&field=backend&skill=java&experience=3', {}, 200);
    await check('GET', '/api/v1/postings?cursor=zzz', {}, 400);
    await check('GET', '/api/v1/postings/export?field=backend', {}, 200);
    await check('GET', '/api/v1/postings/export?format=json&limit=3', {}, 200);
    await check('GET', '/api/v1/postings/export?format=xml', {}, 400);
    await check('GET', '/api/v1/postings/wanted%3A101', {}, 200);
    await check('GET', '/api/v1/postings/jumpit%3A202', {}, 200);
    await check('GET', '/api/v1/postings/wanted%3A0', {}, 404);
    await check('GET', '/api/v1/companies/beta', {}, 200);
    await check('GET', '/api/v1/companies/zeta', {}, 404);
  });

  it('operations and admin', async () => {
    await check('GET', '/health', {}, 200);
    await check('GET', '/ready', {}, 200);
    await check('GET', '/metrics', {}, 200);
    await check('GET', '/api/v1/pipeline', {}, 200);
    const auth = { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/json' };
    await check('POST', '/api/v1/admin/crawl', { headers: auth, body: JSON.stringify({ board: 'wanted' }) }, 202);
    await check('POST', '/api/v1/admin/crawl', { body: JSON.stringify({ board: 'wanted' }) }, 401);
    await check('POST', '/api/v1/admin/crawl', { headers: { ...auth, authorization: 'Bearer nope' }, body: '{}' }, 403);
    await check('POST', '/api/v1/admin/crawl', { headers: auth, body: JSON.stringify({ board: 'mars' }) }, 400);
    await check('POST', '/api/v1/admin/dlq/retry', { headers: auth, body: JSON.stringify({ max: 10 }) }, 202);
    await check('POST', '/api/v1/admin/dlq/retry', { headers: auth, body: JSON.stringify({ max: 0 }) }, 400);
  });

  it('every operation of the document was exercised', () => {
    const all = Object.entries(doc.paths as Json).flatMap(([template, ops]) =>
      Object.keys(ops as Json).map((m) => `${m.toUpperCase()} ${template}`),
    );
    assert.deepEqual(
      all.filter((o) => !exercised.has(o)),
      [],
    );
  });
});
