import 'reflect-metadata';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ClientToServerEvents, LoginResponse, ServerToClientEvents } from '@gd/domain';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { sql } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { inject } from 'vitest';
import { createApp } from '../bootstrap.js';
import { type Config, loadConfig } from '../config.js';
import { type DatabaseHandle, openDatabase } from '../db/client.js';
import { seedDemo } from '../demo/seed.js';
import { PASSWORD } from './global-setup.js';
import { createScratchDatabase } from './scratch-database.js';

export { createScratchDatabase, PASSWORD };

export type DatabaseKind = 'pglite' | 'postgres';

/** Every API suite runs on PGlite; with DATABASE_URL set it runs again on that real Postgres. */
export const DATABASES: DatabaseKind[] = process.env.DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export interface TestApp {
  kind: DatabaseKind;
  app: NestFastifyApplication;
  database: DatabaseHandle;
  config: Config;
  url: string;
  /** fetch against the running app: JSON in, `{status, body}` out. */
  request<T = any>(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<{ status: number; body: T }>;
  login(username: string): Promise<LoginResponse>;
  token(username: string): Promise<string>;
  socket(token: string): Promise<Socket<ServerToClientEvents, ClientToServerEvents>>;
  close(): Promise<void>;
}

/**
 * A fresh database, migrated and seeded, and the app on a free port. The database is a copy of the run's seeded
 * template (src/test/global-setup.ts: a PGlite data dir, or a Postgres template database) to which the seed adds
 * this suite's customers; without the template (no global setup), a new one migrated and seeded here.
 * With `attach`, the app opens that existing database instead (a second node, or a restart): seeded only when
 * `seed` is true, and never dropped by close().
 */
export async function startTestApp(
  kind: DatabaseKind,
  opts: {
    env?: Record<string, string>;
    customers?: number;
    attach?: { url: string } | { dataDir: string };
    seed?: boolean;
    /** Postgres only: the benchmark's statement capture, disarmed (db/sql-capture.ts). */
    captureFile?: string;
  } = {},
): Promise<TestApp> {
  const template = opts.attach ? undefined : inject('seededTemplate');
  const scratch =
    kind === 'postgres' && !opts.attach
      ? await createScratchDatabase(process.env.DATABASE_URL!, { template: template?.database ?? undefined })
      : null;
  // PGlite opens a copy of the template's data dir (removed by close()), or a fresh in-memory database.
  const copy = kind === 'pglite' && template ? mkdtempSync(join(tmpdir(), 'gd-api-suite-')) : null;
  if (copy) cpSync(template!.dataDir, copy, { recursive: true });
  const url = opts.attach && 'url' in opts.attach ? opts.attach.url : scratch?.url;
  const config = loadConfig({
    NODE_ENV: 'test',
    DEMO_PASSWORD: PASSWORD,
    SIMULATE: 'off',
    // Suites log in from one address many times a minute; login.test.ts turns the throttle on.
    LOGIN_RATE_LIMIT: '0',
    ...(url ? { DATABASE_URL: url } : {}),
    ...opts.env,
  });
  const database = await openDatabase(
    url
      ? {
          url,
          poolSize: 10,
          statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
          connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
          captureFile: opts.captureFile,
        }
      : { dataDir: opts.attach && 'dataDir' in opts.attach ? opts.attach.dataDir : copy },
  );
  if (opts.seed ?? !opts.attach) {
    // On a template copy the seed finds the zones, crews and accounts and adds only the customers: the same rows,
    // in the same order, as seeding an empty database with this many.
    await seedDemo(database.db, { password: PASSWORD, customers: opts.customers ?? 200 });
    // A fresh seed stamps the crews' positions with its own time; a template's were stamped when the run began.
    await database.db.execute(sql`update crews set last_at = now()`);
  }
  const app = await createApp(config, database);
  await app.listen(0, '127.0.0.1');
  const address = app.getHttpServer().address() as { port: number };
  const base = `http://127.0.0.1:${address.port}`;
  const tokens = new Map<string, Promise<string>>();
  const sockets: Socket[] = [];

  const request: TestApp['request'] = async (method, path, o = {}) => {
    const res = await fetch(`${base}/api${path}`, {
      method,
      headers: {
        ...(o.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
        ...o.headers,
      },
      body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const login = async (username: string) => {
    const res = await request<LoginResponse>('POST', '/auth/login', {
      body: { username, password: PASSWORD },
    });
    if (res.status !== 200)
      throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return {
    kind,
    app,
    database,
    config,
    url: base,
    request,
    login,
    token(username) {
      // One sign-in per user, however many callers ask at once (parallel sign-ins of one account are refused
      // beyond LOGIN_MAX_FAILURES in flight: each counts as a check until it succeeds).
      let token = tokens.get(username);
      if (!token) {
        token = login(username).then((r) => r.accessToken);
        token.catch(() => tokens.delete(username));
        tokens.set(username, token);
      }
      return token;
    },
    socket(token) {
      return new Promise((resolve, reject) => {
        const s = io(base, {
          path: '/socket.io',
          auth: { token },
          transports: ['websocket'],
          reconnection: false,
        });
        sockets.push(s);
        s.once('connect', () => resolve(s));
        s.once('connect_error', (err) => reject(err));
      });
    },
    async close() {
      for (const s of sockets) s.close();
      await app.close();
      await database.close();
      await scratch?.drop();
      if (copy) rmSync(copy, { recursive: true, force: true });
    },
  };
}

/** The run's seeded Postgres template (`createScratchDatabase(url, { template })`), when DATABASE_URL is set. */
export function seededTemplateDatabase(): string | undefined {
  return inject('seededTemplate').database ?? undefined;
}

/**
 * A database for several nodes or a restart (`startTestApp(kind, { attach, seed: true })` first, then more with
 * `{ attach }`): a copy of the run's seeded template, so that the first node's seed adds only customers instead of
 * migrating and seeding from nothing. drop() removes it once every node is closed.
 */
export async function sharedDatabase(kind: DatabaseKind) {
  const template = inject('seededTemplate');
  if (kind === 'postgres') {
    const scratch = await createScratchDatabase(process.env.DATABASE_URL!, {
      template: seededTemplateDatabase(),
    });
    return { attach: { url: scratch.url }, drop: () => scratch.drop() };
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-api-shared-'));
  cpSync(template.dataDir, dataDir, { recursive: true });
  return { attach: { dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Resolves with the next `event` on the socket that satisfies `match`, or rejects after `ms`. */
export function nextEvent<E extends keyof ServerToClientEvents>(
  socket: Socket<ServerToClientEvents, ClientToServerEvents>,
  event: E,
  match: (payload: Parameters<ServerToClientEvents[E]>[0]) => boolean = () => true,
  ms = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      (socket as any).off(event, handler);
      reject(new Error(`no ${String(event)} within ${ms} ms`));
    }, ms);
    const handler = (payload: any) => {
      if (!match(payload)) return;
      clearTimeout(timer);
      (socket as any).off(event, handler);
      resolve(payload);
    };
    (socket as any).on(event, handler);
  });
}
