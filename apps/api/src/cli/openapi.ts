import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from '../app.module.js';
import { openApiConfig, setApiPrefix } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { REPO_ROOT } from '../paths.js';

/** The committed document: what the apps' request types are checked against (openapi.test.ts). */
export const OPENAPI_FILE = resolve(REPO_ROOT, 'docs/openapi.json');

/**
 * The OpenAPI document the running API serves at /api/docs-json, built without a database: Nest's preview mode
 * reads the controllers' and DTOs' metadata without instantiating any provider, so nothing connects anywhere.
 */
export async function openApiDocument(): Promise<OpenAPIObject> {
  const config = loadConfig({ NODE_ENV: 'test', SIMULATE: 'off' });
  const noDatabase = {} as DatabaseHandle;
  const app = await NestFactory.create<NestFastifyApplication>(
    AppModule.register(config, noDatabase),
    new FastifyAdapter(),
    { preview: true, logger: false },
  );
  try {
    setApiPrefix(app);
    // A JSON round trip drops undefined members, as the file written below does.
    return JSON.parse(JSON.stringify(SwaggerModule.createDocument(app, openApiConfig())));
  } finally {
    await app.close();
  }
}

export function formatDocument(document: OpenAPIObject): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** `npm run openapi` writes docs/openapi.json; `-- --check` only says whether it is current (exit 1 if not). */
async function run() {
  const text = formatDocument(await openApiDocument());
  const current = readFileSync(OPENAPI_FILE, { encoding: 'utf8', flag: 'a+' });
  if (process.argv.includes('--check')) {
    if (current === text) return console.log('docs/openapi.json is current');
    console.error('docs/openapi.json is stale: run npm run openapi');
    process.exit(1);
  }
  writeFileSync(OPENAPI_FILE, text);
  console.log(current === text ? 'docs/openapi.json unchanged' : 'wrote docs/openapi.json');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
