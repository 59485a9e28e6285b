import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDatabaseError } from '../common/http-exception.filter.js';
import {
  createScratchDatabase,
  seededTemplateDatabase,
  startTestApp,
  type TestApp,
} from '../test/harness.js';

describe('describeDatabaseError', () => {
  const wrapped = (code: string, message = 'x') =>
    Object.assign(
      new Error(`Failed query: select * from customers where phone = $1\nparams: +8613812345678`),
      {
        cause: Object.assign(new Error(message), { code }),
      },
    );
  it('maps unavailability to 503, bad values to 4xx, and never returns SQL or values', () => {
    for (const code of [
      '57014',
      '57P01',
      '57P03',
      '55000',
      '55P03',
      '53300',
      '08006',
      '40001',
      'ECONNREFUSED',
    ])
      expect(describeDatabaseError(wrapped(code))?.status, code).toBe(503);
    expect(describeDatabaseError(new Error('Connection terminated unexpectedly'))?.status).toBe(503);
    expect(describeDatabaseError(new Error('timeout exceeded when trying to connect'))?.status).toBe(503);
    expect(describeDatabaseError(wrapped('22021'))?.status).toBe(400);
    expect(describeDatabaseError(wrapped('22008'))?.status).toBe(400);
    expect(describeDatabaseError(wrapped('23505'))?.status).toBe(409);
    expect(describeDatabaseError(wrapped('23514'))?.status).toBe(422);
    const internal = describeDatabaseError(wrapped('42P01', 'relation "customers" does not exist'));
    expect(internal).toEqual({ status: 500, message: 'internal error' });
    expect(describeDatabaseError(new TypeError('x'))).toBeNull();
  });
});

/** A stalled and a restarted database, on a real server (PGlite runs in process and cannot stall apart from it). */
describe.runIf(process.env.DATABASE_URL)('an API node while its Postgres stalls or drops connections', () => {
  let scratch: Awaited<ReturnType<typeof createScratchDatabase>>;
  let t: TestApp;
  let agent: string;
  let admin: pg.Client;
  const TIMEOUT_MS = 1000;

  beforeAll(async () => {
    scratch = await createScratchDatabase(process.env.DATABASE_URL!, { template: seededTemplateDatabase() });
    t = await startTestApp('postgres', {
      attach: { url: scratch.url },
      seed: true,
      customers: 20,
      env: { DB_STATEMENT_TIMEOUT_MS: String(TIMEOUT_MS), DB_CONNECT_TIMEOUT_MS: '1000' },
    });
    agent = await t.token('agent1');
    admin = new pg.Client({ connectionString: scratch.url });
    await admin.connect();
  }, 120_000);
  afterAll(async () => {
    await admin?.end();
    await t?.close();
    await scratch?.drop();
  });

  const timed = async (path: string) => {
    const t0 = performance.now();
    const res = await fetch(`${t.url}/api${path}`, { headers: { authorization: `Bearer ${agent}` } });
    return {
      status: res.status,
      retryAfter: res.headers.get('retry-after'),
      ms: performance.now() - t0,
      body: await res.json(),
    };
  };

  it('answers 503 with Retry-After within the statement timeout while a lock stalls it, and recovers alone', async () => {
    expect((await timed('/customers?q=%E8%8A%99%E8%93%89')).status).toBe(200);
    await admin.query('begin');
    await admin.query('lock table customers in access exclusive mode');
    const during = [];
    const stallEnds = Date.now() + 3500;
    while (Date.now() < stallEnds) during.push(await timed('/customers?q=%E8%8A%99%E8%93%89'));
    await admin.query('commit');
    expect(during.length).toBeGreaterThanOrEqual(2);
    for (const r of during) {
      expect(r.status).toBe(503);
      expect(r.retryAfter).toBe('5');
      expect(r.ms).toBeLessThan(TIMEOUT_MS + 1000);
      expect(JSON.stringify(r.body)).not.toMatch(/select|customers|lock/i);
    }
    expect((await timed('/customers?q=%E8%8A%99%E8%93%89')).status).toBe(200);
  });

  it('answers 503 (never 500) when its connections are killed, and recovers alone', async () => {
    const statuses: number[] = [];
    for (let round = 0; round < 3; round++) {
      await admin.query(
        'select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()',
      );
      for (let i = 0; i < 4; i++) statuses.push((await timed('/customers?q=%E8%8A%99%E8%93%89')).status);
    }
    expect(statuses.every((s) => s === 200 || s === 503)).toBe(true);
    expect(statuses.at(-1)).toBe(200);
    expect((await timed('/health')).status).toBe(200);
  });
});
