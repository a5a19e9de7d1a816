// Serves the built dashboard (dashboard/dist) when it exists: real files with their content type, and
// index.html for any other non-API GET path (the SPA's router takes over). Hashed assets are cached for long.
import fs from 'node:fs';
import path from 'node:path';
import type Koa from 'koa';
import type { GatewayState } from '../context';
import { isApiPath } from './errors';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

export function dashboardFiles(dir: string): Koa.Middleware<GatewayState> {
  const root = path.resolve(dir);
  return async (ctx, next) => {
    await next();
    if (ctx.body !== undefined || ctx.status !== 404) return;
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || isApiPath(ctx.path)) return;
    if (!fs.existsSync(path.join(root, 'index.html'))) return;
    let rel: string;
    try {
      rel = decodeURIComponent(ctx.path);
    } catch {
      return;
    }
    const file = path.resolve(root, `.${path.posix.normalize(`/${rel}`)}`);
    const inside = file === root || file.startsWith(root + path.sep);
    const stat = inside ? await fs.promises.stat(file).catch(() => undefined) : undefined;
    if (stat?.isFile()) {
      ctx.type = TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
      ctx.length = stat.size;
      ctx.set(
        'Cache-Control',
        rel.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'public, max-age=0, must-revalidate',
      );
      ctx.body = fs.createReadStream(file);
      return;
    }
    // A missing file with an extension is a real 404; anything else is a client-side route.
    if (path.extname(rel) !== '') return;
    ctx.type = TYPES['.html']!;
    ctx.set('Cache-Control', 'no-cache');
    ctx.body = fs.createReadStream(path.join(root, 'index.html'));
  };
}
