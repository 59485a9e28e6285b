import { resolve } from 'node:path';
import { type LogLevel, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { AppModule } from './app.module.js';
import { HttpExceptionFilter } from './common/http-exception.filter.js';
import type { Config } from './config.js';
import type { DatabaseHandle } from './db/client.js';
import { CONSOLE_DIST, hasBuild, MAP_DIST } from './paths.js';
import { RedisIoAdapter } from './realtime/redis-io.adapter.js';

const LEVELS: LogLevel[] = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'];

/** Builds the whole HTTP + socket.io application on an open database; used by main.ts and by the tests. */
export async function createApp(config: Config, database: DatabaseHandle): Promise<NestExpressApplication> {
  const logger = LEVELS.slice(0, LEVELS.indexOf(config.LOG_LEVEL as LogLevel) + 1);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, database), {
    logger: config.NODE_ENV === 'test' ? ['error'] : logger,
  });
  app.setGlobalPrefix('api');
  app.useBodyParser('json', { limit: '1mb' });
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
  serveWebApps(app);
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

/** The console at /, the dispatch map at /map/, each with its index.html for client-side routes. */
function serveWebApps(app: NestExpressApplication) {
  const apps = [
    { prefix: '/map', dir: MAP_DIST },
    { prefix: '', dir: CONSOLE_DIST },
  ].filter((a) => hasBuild(a.dir));
  for (const a of apps)
    app.useStaticAssets(a.dir, { prefix: a.prefix || undefined, index: false, maxAge: '1h' });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path.startsWith('/api') || req.path.startsWith('/socket.io'))
      return next();
    if (/\.[a-z0-9]+$/i.test(req.path)) return next();
    const target = apps.find((a) => req.path === a.prefix || req.path.startsWith(`${a.prefix}/`));
    if (!target) return next();
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(resolve(target.dir, 'index.html'));
  });
}
