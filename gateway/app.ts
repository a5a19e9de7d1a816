// createGateway: the Koa app, its middleware in order (request id → logging → errors → rate limit → CORS →
// dashboard files → validation + route), and one route file per resource.
import Router from '@koa/router';
import Koa from 'koa';
import { loadCatalog, type Catalog } from './catalog';
import type { GatewayDeps, GatewayState, RouteDeps } from './context';
import { LiveCatalog } from './live-catalog';
import { BackgroundMemo, TtlMemo } from './memo';
import { corsPolicy } from './middleware/cors';
import { dashboardFiles } from './middleware/dashboard';
import { errorHandling } from './middleware/errors';
import { requestLogging } from './middleware/logging';
import { rateLimit } from './middleware/rate-limit';
import { requestId } from './middleware/request-id';
import { loadFieldWeeks, type FieldWeeks } from './queries/field-weeks';
import { OffsetHistory } from './queries/pipeline';
import { newestWeek, type Coverage } from './queries/skills';
import { gatewaySettings } from './spec';
import * as admin from './routes/admin';
import * as companies from './routes/companies';
import * as compare from './routes/compare';
import * as fields from './routes/fields';
import * as ops from './routes/ops';
import * as pipeline from './routes/pipeline';
import * as postings from './routes/postings';
import * as recommend from './routes/recommend';
import * as skills from './routes/skills';

export type Gateway = Koa<GatewayState>;

/** How long names, known ids and the newest week are kept in memory before a background reload. */
const REFERENCE_TTL_MS = 30000;

export function createGateway(deps: GatewayDeps & { catalog?: Catalog; boards?: readonly string[] }): Gateway {
  const settings = gatewaySettings.parse(deps.settings ?? {});
  const app = new Koa<GatewayState>();
  app.proxy = settings.trustProxy;
  // Errors are logged by the errors middleware with the request id; keep Koa from printing them again.
  app.silent = true;

  const catalog = new LiveCatalog(deps.db, deps.catalog ?? loadCatalog(), REFERENCE_TTL_MS);
  const weekMemo = new TtlMemo<string>(REFERENCE_TTL_MS);
  const fieldWeeksMemo = new BackgroundMemo<FieldWeeks>(REFERENCE_TTL_MS, 2);
  const routeDeps: RouteDeps = {
    config: deps.config,
    db: deps.db,
    dynamo: deps.dynamo,
    kafkaAdmin: deps.kafkaAdmin,
    settings,
    catalog,
    newestWeek: (field) => weekMemo.get(field ?? '', () => newestWeek(deps.db, field)),
    // A first load is waited for (a few ms to ~100 ms per field); then reloads happen in the background.
    fieldWeeks: (field) => fieldWeeksMemo.get(field, () => loadFieldWeeks(deps.db, field), 2000),
    coverageMemo: new BackgroundMemo<Coverage>(Math.max(1, settings.cacheMaxAgeSeconds) * 1000),
    adminActions: deps.adminActions ?? {},
    pipelineMonitor: deps.pipelineMonitor,
    offsetHistory: new OffsetHistory(),
  };

  const router = new Router<GatewayState>();
  ops.register(router, routeDeps);
  fields.register(router, routeDeps);
  skills.register(router, routeDeps);
  compare.register(router, routeDeps);
  postings.register(router, routeDeps);
  companies.register(router, routeDeps);
  recommend.register(router, routeDeps);
  pipeline.register(router, routeDeps);
  admin.register(router, routeDeps, deps.boards ?? []);

  app.use(requestId(deps.logger));
  app.use(requestLogging(deps.logger));
  app.use(errorHandling());
  app.use(rateLimit(settings.rateLimit));
  app.use(corsPolicy(deps.config.gatewayCorsOrigin));
  app.use(dashboardFiles(settings.dashboardDir));
  app.use(async (ctx, next) => {
    if (ctx.path.startsWith('/api/v1/')) await catalog.fresh();
    await next();
  });
  app.use(router.routes());
  app.use(methodNotAllowed(router));
  return app;
}

/** 405 for a known path with another method (e.g. DELETE /api/v1/fields), as JSON via the errors middleware. */
function methodNotAllowed(router: Router<GatewayState>): Koa.Middleware<GatewayState> {
  return router.allowedMethods({ throw: true }) as unknown as Koa.Middleware<GatewayState>;
}
