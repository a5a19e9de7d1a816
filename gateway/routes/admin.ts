// Admin routes (Bearer TECHMAP_ADMIN_TOKEN): POST /api/v1/admin/crawl {board} sends a crawl command;
// POST /api/v1/admin/dlq/retry {stage?, max?} re-drives dead letters. Both answer 202 with what was done.
import type Router from '@koa/router';
import { z } from 'zod';
import type { GatewayState, RouteDeps } from '../context';
import { BadRequestError, ServiceUnavailableError } from '../http-errors';
import { adminAuth } from '../middleware/admin-auth';
import { noStore } from '../middleware/cache';
import { jsonBody } from '../middleware/json-body';
import { inputOf, validate } from '../middleware/validate';
import { boardId } from '../params';

export function register(router: Router<GatewayState>, deps: RouteDeps, boards: readonly string[]): void {
  const auth = adminAuth(deps.config.adminToken);
  const body = jsonBody(deps.settings.maxBodyBytes);

  router.post(
    '/api/v1/admin/crawl',
    auth,
    body,
    validate({
      body: z.strictObject({ board: boardId, maxPages: z.number().int().min(1).max(1000).optional() }),
    }),
    noStore(),
    async (ctx) => {
      const { body: b } = inputOf<unknown, unknown, { board: string; maxPages?: number }>(ctx);
      if (boards.length > 0 && !boards.includes(b.board)) {
        throw new BadRequestError({
          parameter: 'board',
          message: `unknown board '${b.board}': one of ${boards.join(', ')}`,
        });
      }
      const act = deps.adminActions.requestCrawl;
      if (!act) throw new ServiceUnavailableError('crawl commands are not configured in this gateway (no Kafka)', 60);
      const accepted = await act({ board: b.board, maxPages: b.maxPages, requestId: ctx.state.requestId });
      ctx.status = 202;
      ctx.body = { accepted: true, ...accepted };
    },
  );

  router.post(
    '/api/v1/admin/dlq/retry',
    auth,
    body,
    validate({
      body: z.strictObject({
        stage: z
          .string()
          .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'must be a stage name such as enrich or sink.mysql')
          .optional(),
        max: z.number().int().min(1).max(100000).optional(),
      }),
    }),
    noStore(),
    async (ctx) => {
      const { body: b } = inputOf<unknown, unknown, { stage?: string; max?: number }>(ctx);
      const act = deps.adminActions.retryDeadLetters;
      if (!act)
        throw new ServiceUnavailableError('dead-letter re-drive is not configured in this gateway (no Kafka)', 60);
      const result = await act({ stage: b.stage, max: b.max ?? 1000, requestId: ctx.state.requestId });
      ctx.status = 202;
      ctx.body = { accepted: true, ...result };
    },
  );
}
