import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import { apiNotFound } from './error-handler.js';

export const WEB_DIST = fileURLToPath(new URL('../../dist/web/', import.meta.url));

export function webAppBuilt(dir: string = WEB_DIST): boolean {
  return fs.existsSync(path.join(dir, 'index.html'));
}

/**
 * Serves the built web app (public site, portal, console) from dist/web. Any other GET that a
 * browser sends for a page gets index.html, and the app's router shows the page; the API keeps
 * answering JSON 404s for what does not exist.
 */
export async function registerWebApp(app: FastifyInstance, dir: string = WEB_DIST): Promise<void> {
  await app.register(fastifyStatic, {
    root: dir,
    prefix: '/',
    wildcard: false,
    index: false,
    // Hashed asset names never change, so they can be kept for a year; index.html never.
    setHeaders: (res, file) => {
      res.setHeader('cache-control', file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const page = (reply: { header: (k: string, v: string) => unknown; sendFile: (f: string) => unknown }): unknown => {
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  };
  app.get('/', { schema: { hide: true } }, (_request, reply) => page(reply));
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    return wantsPage ? page(reply) : apiNotFound(request, reply);
  });
}
