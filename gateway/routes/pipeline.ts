// GET /api/v1/pipeline: offsets, lag, dead letters, last crawls, LLM usage (each null with a reason when unknown).
import type Router from '@koa/router';
import type { GatewayState, RouteDeps } from '../context';
import { noStore } from '../middleware/cache';
import { validate } from '../middleware/validate';
import { pipelineStatus } from '../queries/pipeline';

export function register(router: Router<GatewayState>, deps: RouteDeps): void {
  router.get('/api/v1/pipeline', validate({}), noStore(), async (ctx) => {
    ctx.body = await pipelineStatus({
      config: deps.config,
      db: deps.db,
      kafkaAdmin: deps.kafkaAdmin,
      monitor: deps.pipelineMonitor,
      history: deps.offsetHistory,
    });
  });
}
