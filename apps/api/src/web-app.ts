import { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { dirname, extname, join } from 'node:path';

/** The folder holding package.json, found from the sources and from dist/ alike. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** Where `npm run build` puts the web app. */
export const webAppRoot = (): string => join(projectRoot(), 'dist', 'web');

const isApiPath = (path: string) => path === '/api' || path.startsWith('/api/');

/**
 * Serves the built web app at / when it exists: hashed files under /assets with a long cache,
 * and index.html (never cached) for any other page path so the app's own router takes over.
 * /api paths and file-like paths that don't exist fall through to the api's JSON 404.
 */
export function serveWebApp(app: NestExpressApplication, root: string): boolean {
  const indexHtml = join(root, 'index.html');
  if (!existsSync(indexHtml)) return false;
  app.useStaticAssets(join(root, 'assets'), { prefix: '/assets/', index: false, immutable: true, maxAge: '365d', fallthrough: true });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isApiPath(req.path) || extname(req.path) !== '') return next();
    res.setHeader('Cache-Control', 'no-store');
    res.sendFile(indexHtml);
  });
  return true;
}
