import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { constants as zlib } from 'node:zlib';
import fastifyCompress from '@fastify/compress';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import { PHOTO_MAX_BYTES, PHOTO_TYPES } from '@gd/domain';
import { type INestApplication, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import { registerImageBodies, registerInputGuard } from './common/input-guard.js';
import { createLogger, PinoNestLogger } from './common/logger.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { CONSOLE_DIST, hasBuild, MAP_DIST } from './paths.js';
import { ConfiguredIoAdapter, RedisIoAdapter } from './realtime/redis-io.adapter.js';

/** Builds the whole HTTP + socket.io application on an open database; used by main.ts and by the tests. */
export async function createApp(config: Config, database: DatabaseHandle): Promise<NestFastifyApplication> {
  // JSON lines through pino, personal data redacted (common/logger.ts); tests log errors only.
  const logger = new PinoNestLogger(createLogger(config.NODE_ENV === 'test' ? 'error' : config.LOG_LEVEL));
  // Fastify rather than Express: the same Nest controllers at a fraction of the per-request cost (docs/benchmarks.md).
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, database),
    new FastifyAdapter({ bodyLimit: 1024 * 1024, trustProxy: trustProxy(config.TRUST_PROXY) }),
    { logger },
  );
  // Before anything else sees a request: NUL, lone surrogates and oversized or too-deep input are 400 here.
  registerInputGuard(app.getHttpAdapter().getInstance());
  registerImageBodies(app.getHttpAdapter().getInstance(), PHOTO_TYPES, PHOTO_MAX_BYTES);
  // Benchmark mode (GD_SQL_CAPTURE): the statements of requests that ask for it, while armed (db/sql-capture.ts).
  database.capture?.scopeRequests(app.getHttpAdapter().getInstance());
  // Open311 GeoReport v2 lives at its conventional /open311/v2 (public/open311.controller.ts).
  setApiPrefix(app);
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  // Same origin by default (the apps are served from this origin): no CORS headers at all, so no other site's
  // page can read an answer. CORS_ORIGINS names the others allowed; `null` or a reflected Origin never is.
  app.enableCors(config.CORS_ORIGINS.length > 0 ? { origin: config.CORS_ORIGINS } : { origin: false });
  await app.register(fastifyHelmet, helmetOptions(config));
  // brotli or gzip for anything over 1 KB (apps' bundles, big JSON lists); brotli at quality 4, a fraction of the
  // default 11's CPU for most of its gain on text.
  await app.register(fastifyCompress, {
    encodings: ['br', 'gzip'],
    threshold: 1024,
    brotliOptions: { params: { [zlib.BROTLI_PARAM_QUALITY]: 4 } },
  });

  if (config.API_DOCS) {
    const openapi = SwaggerModule.createDocument(app, openApiConfig());
    SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/docs-json' });
  }

  if (config.REDIS_URL) {
    const adapter = new RedisIoAdapter(app, config.CORS_ORIGINS, config.REDIS_URL, config.REDIS_PREFIX);
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  } else {
    app.useWebSocketAdapter(new ConfiguredIoAdapter(app, config.CORS_ORIGINS));
  }
  await serveWebApps(app);
  return app;
}

/** The tile servers' origins, from TILE_URL (`https://{s}.tile.openstreetmap.org/…` → `https://*.tile.openstreetmap.org`). */
export function tileSources(tileUrl: string): string[] {
  try {
    const url = new URL(tileUrl.replace(/\{s\}/g, 'sub-domain').replace(/\{[a-z]+\}/gi, '0'));
    const host = url.host.replace('sub-domain', '*');
    return [`${url.protocol}//${host}`];
  } catch {
    return [];
  }
}

/**
 * Security headers on every answer (`/`, `/map/`, `/api`): a CSP fitted to the two apps (their own scripts only;
 * inline styles, which React and Leaflet set; map tiles from TILE_URL's host; sockets to this origin), no framing,
 * no MIME sniffing, no referrer beyond this origin, HSTS only when HSTS=on (served over TLS).
 */
export function helmetOptions(config: Config) {
  return {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:', ...tileSources(config.TILE_URL)],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        workerSrc: ["'self'", 'blob:'],
        manifestSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
    frameguard: { action: 'deny' as const },
    referrerPolicy: { policy: 'same-origin' as const },
    hsts: config.HSTS ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  };
}

/** TRUST_PROXY: on/true, a hop count, or addresses/CIDRs of the load balancers (Fastify's trustProxy). */
function trustProxy(value: string | undefined): boolean | string[] {
  if (!value || value === 'off' || value === 'false') return false;
  if (value === 'on' || value === 'true') return true;
  // A hop count: Fastify takes a number too, though its adapter's options type says otherwise.
  if (/^\d+$/.test(value)) return Number(value) as unknown as boolean;
  return value.split(',').map((v) => v.trim());
}

/** Every route under /api, but Open311 GeoReport v2 at its conventional /open311/v2 (public/open311.controller.ts). */
export function setApiPrefix(app: INestApplication) {
  app.setGlobalPrefix('api', { exclude: [{ path: 'open311/*path', method: RequestMethod.ALL }] });
}

export function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('95598 work-order API')
    .setDescription(
      'Calls, work orders, SLA clocks, crews, GPS and callbacks. Response shapes: packages/domain/src/api.ts; ' +
        'this document is committed as docs/openapi.json (npm run openapi).',
    )
    .setVersion('1')
    .addBearerAuth()
    .build();
}

/**
 * The console at /, the dispatch map at /map/: their files, and their index.html for client-side routes (any other
 * GET outside /api and /socket.io). Unknown API paths keep Nest's 404.
 */
async function serveWebApps(app: NestFastifyApplication) {
  const apps = [
    { prefix: '/map/', dir: MAP_DIST },
    { prefix: '/', dir: CONSOLE_DIST },
  ].filter((a) => hasBuild(a.dir));
  const fastify = app.getHttpAdapter().getInstance();
  for (const [i, a] of apps.entries()) {
    // One route per built file (the build is fixed while running), so the fallbacks below see only app routes.
    await app.register(fastifyStatic, {
      root: a.dir,
      prefix: a.prefix,
      wildcard: false,
      index: false,
      // Vite's /assets/* carry a content hash in their names: cached for a year, never revalidated. index.html
      // (which names them) is revalidated every time; other files (icons, manifest) for an hour.
      cacheControl: false,
      setHeaders: (reply, path) => reply.header('Cache-Control', cacheControlFor(path)),
      decorateReply: i === 0,
    });
  }
  // The customers' public pages (apps/dispatch-map/customer.html): /report, /track/:number, /outages (the console's
  // staff screen for publishing outages is /outage-notices).
  if (hasBuild(MAP_DIST)) {
    for (const path of ['/report', '/track', '/track/*', '/outages']) {
      fastify.get(path, async (_req, reply) =>
        reply
          .header('Cache-Control', 'no-cache')
          .type('text/html; charset=utf-8')
          .send(await readFile(resolve(MAP_DIST, 'customer.html'))),
      );
    }
  }
  for (const a of apps) {
    const index = resolve(a.dir, 'index.html');
    const paths = a.prefix === '/' ? ['/', '/*'] : [a.prefix.slice(0, -1), `${a.prefix}*`];
    for (const path of paths) {
      fastify.get(path, async (req, reply) => {
        const url = req.url.split('?')[0]!;
        if (
          url.startsWith('/api/') ||
          url === '/api' ||
          url.startsWith('/socket.io') ||
          /\.[a-z0-9]+$/i.test(url)
        )
          return reply.callNotFound();
        return reply
          .header('Cache-Control', 'no-cache')
          .type('text/html; charset=utf-8')
          .send(await readFile(index));
      });
    }
  }
}

export function cacheControlFor(path: string): string {
  if (/[\\/]assets[\\/]/.test(path)) return 'public, max-age=31536000, immutable';
  if (path.endsWith('.html')) return 'no-cache';
  return 'public, max-age=3600';
}
