import { mkdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { type ExtractTablesWithRelations, sql } from 'drizzle-orm';
import { drizzle as drizzlePg, NodePgSession } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import { type PgDatabase, PgDialect, type PgQueryResultHKT, type PgTransaction } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { MIGRATIONS_DIR } from '../paths.js';
import * as schema from './schema/index.js';
import { detachedFromRequest, SqlCapture } from './sql-capture.js';

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;
export type Transaction = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Repositories take either, so a service can put several of their queries in one transaction. */
export type DatabaseOrTransaction = Database | Transaction;

export interface DatabaseHandle {
  db: Database;
  kind: 'postgres' | 'pglite';
  /** Tag of the newest applied migration. */
  migration: string;
  /**
   * Raw SQL on the database's own connection(s), for pg-boss (`db` option): with values one parameterised
   * statement; without, a script of several (pg-boss's schema migrations). After close() its statements never
   * answer: pg-boss completes or fails a job without awaiting it, and a fetch in flight at its stop can still start a
   * handler, so such a write can come after a graceful stop; any answer to it, an error or an empty result alike,
   * would surface in pg-boss as an unhandled rejection. That job stays active and runs again when its lease
   * expires, as after a crash (a message already sent is not claimed again).
   */
  executeSql(text: string, values?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  /** The benchmark's statement capture (Postgres with `captureFile` only; db/sql-capture.ts). */
  capture: SqlCapture | null;
  close(): Promise<void>;
}

export type DatabaseTarget = PostgresTarget | { dataDir: string | null };
export interface PostgresTarget {
  url: string;
  poolSize?: number;
  /** Server-side cap on any one statement (a stalled lock wait included): SQLSTATE 57014, answered 503. */
  statementTimeoutMs?: number;
  /** Cap on getting a connection, new or from a full pool. */
  connectTimeoutMs?: number;
  /** Benchmark mode: where the statements of captured requests go (GD_SQL_CAPTURE; db/sql-capture.ts). */
  captureFile?: string;
}

export class DatabaseUnavailableError extends Error {}

/** What pg-boss's statements get once the database is closed: no answer (see DatabaseHandle.executeSql). */
const AFTER_CLOSE = new Promise<never>(() => {});

const MIGRATION_LOCK = 95598;

/** Opens Postgres (a pool) or PGlite (embedded, persisted in dataDir; in memory when null) and migrates it. */
export async function openDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if ('url' in target) return openPostgres(target);
  return openPglite(target.dataDir);
}

async function openPostgres(target: PostgresTarget): Promise<DatabaseHandle> {
  const { url } = target;
  const pool = createPool(url, target.poolSize ?? 20, target.connectTimeoutMs, target.statementTimeoutMs);
  const capture = target.captureFile ? new SqlCapture(pool, target.captureFile) : null;
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (err) {
    await pool.end().catch(() => {});
    throw new DatabaseUnavailableError(
      `cannot connect to DATABASE_URL (${redact(url)}): ${(err as Error).message}`,
    );
  }
  try {
    // Several API nodes may start at once: one migrates, the others wait for it (as long as it takes).
    await client.query('set statement_timeout = 0');
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await migratePg(drizzlePg(client, { casing: 'snake_case' }), { migrationsFolder: MIGRATIONS_DIR });
  } finally {
    await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.query('reset statement_timeout').catch(() => {});
    client.release();
  }
  const db = drizzlePg(pool, { schema, casing: 'snake_case' }) as unknown as Database;
  releaseClientsOfFailedTransactions(db, pool);
  let closed = false;
  return {
    db,
    kind: 'postgres',
    migration: await appliedMigration(db),
    // pg-boss's own statements (polling, fetching, completing, maintenance) are never a request's, even when a
    // request woke its worker: its jobs written inside a transaction go through that transaction instead.
    executeSql: async (text, values) => {
      if (closed) return AFTER_CLOSE;
      const result = await detachedFromRequest(() => pool.query(text, values));
      // A script answers one result per statement: pg-boss reads only single statements' rows.
      return Array.isArray(result) ? (result[result.length - 1] ?? { rows: [] }) : result;
    },
    capture,
    close: () => {
      closed = true;
      return pool.end();
    },
  };
}

/**
 * A pool whose lost connections are logged and dropped rather than crashing the process. Every connection carries
 * `statement_timeout`, so a stalled database (a held lock, an overloaded server) answers within it instead of
 * holding requests for the whole stall.
 */
export function createPool(
  url: string,
  max: number,
  connectionTimeoutMillis = 5000,
  statementTimeoutMs?: number,
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis,
    ...(statementTimeoutMs ? { statement_timeout: statementTimeoutMs } : {}),
  });
  // A client losing its server must not crash the process, idle in the pool or checked out between two queries of
  // a transaction (it then has no query to fail, and an 'error' with no listener would be thrown): requests get
  // 503 until the server is back, and the pool drops the broken client when it is released.
  pool.on('error', (err) => console.error(`[database] idle connection lost: ${err.message}`));
  pool.on('connect', (client) => {
    client.on('error', (err) => console.error(`[database] connection lost: ${err.message}`));
  });
  return pool;
}

/**
 * drizzle's pooled transaction() sends BEGIN before the try/finally that releases the client, so a connection that
 * dies between checkout and BEGIN (a server restart, a failover) keeps its pool slot for the life of the process:
 * enough of them and every request waits on an empty pool, and pool.end() never returns (drizzle-orm#6241, open
 * in 0.45.4). Here the transaction checks its client out itself, runs drizzle's transaction on a session bound to
 * that client, and always gives it back; the pool drops it if its connection is gone.
 */
export function releaseClientsOfFailedTransactions(db: Database, pool: pg.Pool): void {
  // drizzle keeps the pool session's dialect, schema and options unexported.
  const internals = db as unknown as { session: unknown; dialect: PgDialect };
  const poolSession = internals.session;
  if (!(poolSession instanceof NodePgSession) || !(internals.dialect instanceof PgDialect))
    throw new Error('drizzle-orm changed its node-postgres session: see releaseClientsOfFailedTransactions');
  type SessionArgs = ConstructorParameters<typeof NodePgSession>;
  const schema = Reflect.get(poolSession, 'schema') as SessionArgs[2];
  const options = Reflect.get(poolSession, 'options') as SessionArgs[3];
  db.transaction = async (transaction, config) => {
    const client = await pool.connect();
    try {
      const session = new NodePgSession(client, internals.dialect, schema, options);
      return await session.transaction(transaction as never, config);
    } finally {
      client.release();
    }
  };
}

async function openPglite(dataDir: string | null): Promise<DatabaseHandle> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create(dataDir ?? undefined, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema, casing: 'snake_case' });
  await migratePglite(db, { migrationsFolder: MIGRATIONS_DIR });
  const handle = db as unknown as Database;
  let closed = false;
  return {
    db: handle,
    kind: 'pglite',
    migration: await appliedMigration(handle),
    // PGlite's query() takes one statement; exec() takes a script (without parameters).
    executeSql: async (text, values) => {
      if (closed) return AFTER_CLOSE;
      if (values?.length) return client.query(text, values);
      const results = await client.exec(text);
      return results[results.length - 1] ?? { rows: [] };
    },
    capture: null,
    close: () => {
      closed = true;
      return client.close();
    },
  };
}

/** Whether the database answers at all (`select 1`): the health check's probe. */
export async function ping(db: Database): Promise<void> {
  await db.execute(sql`select 1`);
}

async function appliedMigration(db: Database): Promise<string> {
  const journal = JSON.parse(readFileSync(resolve(MIGRATIONS_DIR, 'meta/_journal.json'), 'utf8')) as {
    entries: { tag: string }[];
  };
  const result = (await db.execute(
    sql.raw('select count(*)::int as n from drizzle.__drizzle_migrations'),
  )) as {
    rows: { n: number }[];
  };
  const applied = Number(result.rows[0]?.n ?? 0);
  return journal.entries[applied - 1]?.tag ?? 'none';
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
