// /health (the process answers), /ready (MySQL and DynamoDB answer), /metrics (Prometheus), and the OpenAPI
// document at /api/openapi.json.
import type Router from '@koa/router';
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { metricsRegistry, runReadiness } from '../../platform/metrics';
import type { GatewayState, RouteDeps } from '../context';
import { noStore } from '../middleware/cache';
import { validate } from '../middleware/validate';
import { openapiDocument } from '../openapi';

function within<T>(ms: number, what: string, p: Promise<T>): Promise<T> {
  return Promise.race([
    p,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`${what} did not answer in ${ms} ms`)), ms).unref(),
    ),
  ]);
}

export function register(router: Router<GatewayState>, deps: RouteDeps): void {
  router.get('/health', validate({}), noStore(), (ctx) => {
    ctx.body = { status: 'ok' };
  });

  router.get('/ready', validate({}), noStore(), async (ctx) => {
    const checks = await runReadiness({
      mysql: async () => {
        await within(2000, 'MySQL', deps.db.query('SELECT 1'));
      },
      dynamodb: async () => {
        await within(
          2000,
          'DynamoDB',
          deps.dynamo.send(new DescribeTableCommand({ TableName: deps.config.dynamoTable })),
        );
      },
    });
    const ok = Object.values(checks).every((c) => c === 'ok');
    ctx.status = ok ? 200 : 503;
    ctx.body = { status: ok ? 'ready' : 'not ready', checks };
  });

  router.get('/metrics', validate({}), noStore(), async (ctx) => {
    ctx.type = metricsRegistry.contentType;
    ctx.body = await metricsRegistry.metrics();
  });

  const doc = JSON.stringify(openapiDocument);
  router.get('/api/openapi.json', validate({}), async (ctx) => {
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.type = 'application/json';
    ctx.body = doc;
  });
}
