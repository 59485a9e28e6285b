import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const API_MAIN = join(REPO_ROOT, 'apps/api/dist/main.js');
const API_SEED = join(REPO_ROOT, 'apps/api/dist/cli/seed.js');

export interface RunningSystem {
  url: string;
  password: string;
  database: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolvePort(port));
    });
  });
}

/** The password of every account the systems under test have (the demo seed's, set by DEMO_PASSWORD). */
const PASSWORD = 'e2e-password-95598';

/**
 * A scratch database on the server of `baseUrl`, dropped by drop(): a copy of `template` when there is one (the
 * run's seeded template, GD_E2E_TEMPLATE: see seedTemplate), else empty for the system to migrate and seed.
 */
export async function scratchDatabase(
  baseUrl: string,
  prefix = 'gd_test_e2e',
  template: string | undefined = process.env.GD_E2E_TEMPLATE,
) {
  const name = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 7)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  if (template) {
    // The seed stamped the crews' positions when the run began; a system starts with them fresh, as after a seed.
    const copy = new pg.Client({ connectionString: url.toString() });
    await copy.connect();
    await copy.query('update crews set last_at = now()');
    await copy.end();
  }
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/**
 * Migrates and seeds a Postgres database with the demo data once per run (`npm run seed`'s command), for the
 * systems under test to copy instead of each migrating and seeding its own: the seed's password hashes, at the
 * production cost, are most of a system's start. PGlite runs (no DATABASE_URL) seed each system as before.
 */
export async function seedTemplate(baseUrl: string) {
  const db = await scratchDatabase(baseUrl, 'gd_test_e2e_template', undefined);
  await new Promise<void>((resolveSeed, reject) => {
    execFile(
      process.execPath,
      [API_SEED],
      {
        cwd: REPO_ROOT,
        env: { ...process.env, NODE_ENV: 'development', DATABASE_URL: db.url, DEMO_PASSWORD: PASSWORD },
      },
      (err, _stdout, stderr) =>
        err ? reject(new Error(`seeding the template failed: ${stderr}`)) : resolveSeed(),
    );
  });
  return db;
}

/**
 * Runs `node apps/api/dist/main.js` as a user would after `npm start`, on a free port, and waits for /api/health.
 * Extra env (e.g. REDIS_URL, DATABASE_URL of a shared database) starts one node of a multi-node deployment.
 */
export async function startSystem(
  opts: {
    env?: Record<string, string>;
    databaseUrl?: string | null;
    log?: boolean;
    /** How long the API may take to answer its health check (a busy shared machine: the benchmarks). */
    startTimeoutMs?: number;
  } = {},
): Promise<RunningSystem> {
  const port = await freePort();
  const password = PASSWORD;
  const dataDir = mkdtempSync(join(tmpdir(), 'gd-e2e-'));
  const scratch =
    opts.databaseUrl === undefined && process.env.DATABASE_URL
      ? await scratchDatabase(process.env.DATABASE_URL)
      : null;
  const databaseUrl = opts.databaseUrl ?? scratch?.url ?? null;
  // API_NODE_ARGS: extra node flags for the system under test, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeArgs = (process.env.API_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, API_MAIN], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'development',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEMO_PASSWORD: password,
      SIMULATE: 'off',
      LOG_LEVEL: 'warn',
      // Every suite logs its users in from this one address; the throttle has its own test (apps/api login.test.ts).
      LOGIN_RATE_LIMIT: '0',
      DATABASE_URL: databaseUrl ?? '',
      ...opts.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
    if (opts.log) process.stderr.write(chunk);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  const startTimeoutMs = opts.startTimeoutMs ?? 90_000;
  const deadline = Date.now() + startTimeoutMs;
  while (true) {
    if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the API did not become healthy within ${startTimeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    password,
    database: databaseUrl ? 'postgres' : 'pglite',
    process: child,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      await scratch?.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
