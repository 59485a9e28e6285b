import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import fastifyStatic from '@fastify/static';
import { type LogLevel, RequestMethod, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { CONSOLE_DIST, hasBuild, MAP_DIST } from './paths.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the whole HTTP + socket.io application on an open database; used by main.ts and by the tests. */
export async function createApp(config: Config, database: DatabaseHandle): Promise<NestFastifyApplication> {
  const logger = LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL as LogLevel) + 1);
  // Fastify rather than Express: the same Nest controllers at a fraction of the per-request cost (docs/benchmarks.md).
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, database),
    new FastifyAdapter({ bodyLimit: 1024 * 1024 }),
    { logger: config.NODE_ENV === 'test' ? ['error'] : logger },
  );
  // Open311 GeoReport v2 lives at its conventional /open311/v2 (public/open311.controller.ts).
  app.setGlobalPrefix('api', { exclude: [{ path: 'open311/*path', method: RequestMethod.ALL }] });
  app.useGlobalPipes(
    new ValidationPipe({
      transform: true,
      whitelist: true,
      forbidNonWhitelisted: true,
      stopAtFirstError: false,
    }),
  );
  app.useGlobalFilters(new HttpExceptionFilter());
  app.enableCors({ origin: true });

  const openapi = SwaggerModule.createDocument(app, openApiConfig());
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/docs-json' });

  if (config.REDIS_URL) {
    const adapter = new RedisIoAdapter(app, config.REDIS_URL);
    await adapter.connect();
    app.useWebSocketAdapter(adapter);
  }
  await serveWebApps(app);
  return app;
}

export function openApiConfig() {
  return new DocumentBuilder()
    .setTitle('95598 work-order API')
    .setDescription(
      'Calls, work orders, SLA clocks, crews, GPS and callbacks. See shared/API.md for the contract.',
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
      maxAge: '1h',
      decorateReply: i === 0,
    });
  }
  // The customers' public pages (apps/dispatch-map/customer.html): /report, /track/:number, /track/outages.
  if (hasBuild(MAP_DIST)) {
    for (const path of ['/report', '/track', '/track/*']) {
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
