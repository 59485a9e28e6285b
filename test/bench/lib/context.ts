import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_POLICY, type PolicyRule, parsePolicy } from '@gd/sla';
import pg from 'pg';
import { ApiClient } from '../../support/api.js';
import { type RunningSystem, scratchDatabase, startSystem } from '../../support/system.js';
import { log } from './progress.js';

export const DEFAULT_PG = 'postgres://postgres@127.0.0.1:5432/postgres';
/** Scratch databases start with gd_test_ so CI's cleanup removes any that a killed run left behind. */
export const SCRATCH_PREFIX = 'gd_test_bench';

/**
 * Timings of the escalation benchmark's orders, put into the policy of the system under test as two extra rules
 * that no other benchmark's orders match (complaints of priority urgent / high):
 * - urgent complaints breach `breachAfterS` after creation;
 * - high complaints warn `warnAfterS` after creation (10 minutes + that long, so "10 minutes left" comes first).
 */
export const ESCALATION_TIMING = { breachAfterS: 8, warnAfterS: 5 } as const;

export interface SharedSystem {
  url: string;
  password: string;
  /** The scratch database the system runs on (null on PGlite). */
  databaseUrl: string | null;
  /** A small pool on that database for seeding and baselines. */
  sql: pg.Pool | null;
  /** The API's process, for the CPU it spends (lib/cpu.ts). */
  apiPid: number | null;
  /** Where the API writes the statements it sends while capture is armed (lib/sql-floor.ts); null on PGlite. */
  captureFile: string | null;
}

export interface BenchContext {
  /** Smaller data and shorter loads than the full run (`--quick`, and `--smoke`, which is quick and shorter still). */
  quick: boolean;
  /** CI's run (`--smoke`): every case once with the least that exercises it, so that none rots; figures say little. */
  smoke: boolean;
  /** Base URL of the Postgres server to make scratch databases on; null if none is reachable. */
  pgBase: string | null;
  pgVersion: string | null;
  pgProblem: string | null;
  /** The system under test, started once on first use and shared by the cases (demo seed, benchmark policy). */
  system(): Promise<SharedSystem>;
  login(username: string): Promise<ApiClient & { user: { id: string; crewId: string | null } }>;
  /** Whether the running API has a route (Nest answers `Cannot GET …` for an unknown one). */
  hasRoute(method: string, path: string): Promise<boolean>;
  /** Runs at the end of the whole run, last registered first, whatever happened. */
  defer(fn: () => Promise<void> | void): void;
  /** Facts the seeding helpers record so later cases can reuse what earlier ones loaded. */
  seeded: Map<string, number>;
}

export async function probePostgres(): Promise<{
  base: string | null;
  version: string | null;
  problem: string | null;
}> {
  const base = process.env.DATABASE_URL || DEFAULT_PG;
  const url = new URL(base);
  if (!['127.0.0.1', 'localhost', '::1', '[::1]'].includes(url.hostname))
    return {
      base: null,
      version: null,
      problem: `DATABASE_URL host ${url.hostname} is not local: benchmarks only target 127.0.0.1`,
    };
  const client = new pg.Client({ connectionString: base, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    const { rows } = await client.query<{ server_version: string }>('show server_version');
    return { base, version: rows[0]?.server_version ?? null, problem: null };
  } catch (err) {
    return { base: null, version: null, problem: `no Postgres at ${url.host}: ${(err as Error).message}` };
  } finally {
    await client.end().catch(() => {});
  }
}

export function createContext(opts: {
  quick: boolean;
  smoke: boolean;
  pgBase: string | null;
  pgVersion: string | null;
  pgProblem: string | null;
}): BenchContext & {
  close(): Promise<void>;
} {
  const cleanups: (() => Promise<void> | void)[] = [];
  const tokens = new Map<string, Promise<ApiClient & { user: { id: string; crewId: string | null } }>>();
  let shared: Promise<SharedSystem> | null = null;

  const ctx = {
    quick: opts.quick || opts.smoke,
    smoke: opts.smoke,
    pgBase: opts.pgBase,
    pgVersion: opts.pgVersion,
    pgProblem: opts.pgProblem,
    seeded: new Map<string, number>(),
    defer(fn: () => Promise<void> | void) {
      cleanups.push(fn);
    },
    system() {
      shared ??= startShared(ctx);
      return shared;
    },
    async login(username: string) {
      const sys = await ctx.system();
      let p = tokens.get(username);
      if (!p) {
        p = ApiClient.login(sys.url, username, sys.password) as Promise<
          ApiClient & { user: { id: string; crewId: string | null } }
        >;
        tokens.set(username, p);
        p.catch(() => tokens.delete(username));
      }
      return p;
    },
    async hasRoute(method: string, path: string) {
      const client = await ctx.login('admin');
      const res = await client.call<{ message?: unknown }>(method, path, method === 'GET' ? undefined : {});
      return !(
        res.status === 404 &&
        typeof res.body?.message === 'string' &&
        res.body.message.startsWith('Cannot ')
      );
    },
    async close() {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (err) {
          log(`cleanup failed: ${(err as Error).message}`);
        }
      }
    },
  };
  return ctx;
}

async function startShared(ctx: BenchContext): Promise<SharedSystem> {
  const dir = mkdtempSync(join(tmpdir(), 'gd-bench-'));
  ctx.defer(() => rmSync(dir, { recursive: true, force: true }));
  const policyFile = join(dir, 'policy.json');
  writeFileSync(policyFile, JSON.stringify(benchPolicy()));

  const captureFile = join(dir, 'statements.jsonl');
  let databaseUrl: string | null = null;
  if (ctx.pgBase) {
    const scratch = await scratchDatabase(ctx.pgBase, SCRATCH_PREFIX);
    ctx.defer(() => scratch.drop());
    databaseUrl = scratch.url;
  }
  log(`starting the system under test on ${databaseUrl ? 'a scratch Postgres database' : 'PGlite'}…`);
  const t0 = Date.now();
  let system: RunningSystem;
  try {
    system = await startSystem({
      databaseUrl,
      // BENCH_API_LOG=1 shows the API's own log (errors behind a 500) on stderr.
      log: process.env.BENCH_API_LOG === '1',
      startTimeoutMs: 300_000,
      env: {
        SLA_POLICY_FILE: policyFile,
        LOG_LEVEL: 'error',
        NODE_ENV: 'development',
        SIMULATE: 'off',
        // The SLA report's daily roll-up every 2 s instead of 10 min, so the reports case need not wait long for it.
        SLA_REPORT_ROLLUP_SECONDS: '2',
        // Disarmed until SIGUSR2 (apps/api/src/db/sql-capture.ts): costs nothing under load.
        GD_SQL_CAPTURE: captureFile,
      },
    });
  } catch (err) {
    throw new Error(`the system under test did not start: ${(err as Error).message.slice(0, 2000)}`);
  }
  ctx.defer(() => system.stop());
  log(`  up in ${((Date.now() - t0) / 1000).toFixed(1)} s at ${system.url}`);
  let sql: pg.Pool | null = null;
  if (databaseUrl) {
    const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
    pool.on('error', () => {});
    ctx.defer(() => pool.end());
    sql = pool;
  }
  return {
    url: system.url,
    password: system.password,
    databaseUrl,
    sql,
    apiPid: system.process.pid ?? null,
    captureFile: databaseUrl ? captureFile : null,
  };
}

export function benchPolicy() {
  const { breachAfterS, warnAfterS } = ESCALATION_TIMING;
  const extra: PolicyRule[] = [
    {
      type: 'complaint',
      priority: 'urgent',
      clocks: [
        {
          kind: 'resolution',
          minutes: breachAfterS / 60,
          calendar: 'wall',
          startsFrom: 'accepted',
          judgedOn: 'each',
        },
      ],
    },
    {
      type: 'complaint',
      priority: 'high',
      clocks: [
        {
          kind: 'resolution',
          minutes: 10 + warnAfterS / 60,
          calendar: 'wall',
          startsFrom: 'accepted',
          judgedOn: 'each',
        },
      ],
    },
  ];
  const rules = DEFAULT_POLICY.rules.filter(
    (r) =>
      !(
        r.type === 'complaint' &&
        (r.priority === 'urgent' || r.priority === 'high') &&
        !r.subKind &&
        !r.zoneClass
      ),
  );
  const policy = {
    id: 'bench',
    name: 'default policy + escalation benchmark rules',
    rules: [...rules, ...extra],
  };
  parsePolicy(policy);
  return policy;
}
