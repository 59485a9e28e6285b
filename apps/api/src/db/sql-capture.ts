import { AsyncLocalStorage } from 'node:async_hooks';
import { appendFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import pg from 'pg';

/** One statement as the driver sent it: the prepared statement's name (if any), its text, its values as sent. */
export interface CapturedStatement {
  at: number;
  /** The `x-sql-capture` header of the request it was sent for. */
  scope: string;
  name: string | null;
  text: string;
  values: (string | null)[];
}

/** The header that asks for a request's statements to be captured (while capture is armed). */
export const CAPTURE_HEADER = 'x-sql-capture';

interface Scope {
  id: string;
  /** False once the response has gone out: what the request left running is no longer its own. */
  open: boolean;
}

const requests = new AsyncLocalStorage<Scope>();
const SCOPE = Symbol('sql-capture scope');
let configured = false;

/**
 * Runs work that a request sets off without waiting for it (the dispatch planner's run after a new order, the
 * escalation scheduler's re-arm, pg-boss's own polling) outside the request's capture scope: under load such work
 * is coalesced across many requests, so it is no one request's cost, and whether it starts before or after the
 * response is timing. Without capture configured it is just `fn()`.
 */
export function detachedFromRequest<T>(fn: () => T): T {
  return configured ? requests.exit(fn) : fn();
}

/**
 * Benchmark mode (`GD_SQL_CAPTURE=<file>`): the statements sent on behalf of the requests that carry the
 * `x-sql-capture` header, while capture is armed, are appended to the file as JSON lines, so the benchmark builds its
 * SQL floor from the statements the API really sends for a path (test/bench/lib/sql-floor.ts). main.ts arms and
 * disarms it on SIGUSR2; each toggle writes `{"armed":…}` so the benchmark knows when it took effect.
 *
 * What belongs to a request: every statement issued in its async context from the moment Fastify sees it until its
 * response is sent. That is its transaction (with the outbox rows and pg-boss jobs written in it) and the
 * after-commit listeners, which the event bus awaits before the request answers (the order's acceptance message and
 * its job): the agent waits for them on every path. What does not: work set off and not awaited
 * (`detachedFromRequest`), anything the request's context still runs after the response, pg-boss's own statements
 * (its `executeSql` runs detached, and would not be seen on a pool of its own either), and every timer and poller,
 * which run in no request's context. So the captured set no longer depends on what else ran in the window.
 *
 * Off (no file), nothing is wrapped; configured but disarmed, a request pays one header look-up and a query one
 * boolean test; the request context (AsyncLocalStorage, which turns on async hooks) is only enabled while armed.
 */
export class SqlCapture {
  private armed = false;
  private poolQuery: pg.Pool['query'] | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly file: string,
  ) {
    configured = true;
    pool.on('connect', (client) => this.wrap(client));
  }

  get isArmed() {
    return this.armed;
  }

  /** Arms or disarms, and records the toggle in the file. */
  toggle(): void {
    this.setArmed(!this.armed);
  }

  setArmed(armed: boolean): void {
    if (armed === this.armed) return;
    this.armed = armed;
    if (armed) this.routePoolQueries();
    else {
      this.restorePoolQueries();
      // The last store gone, Node turns its async hooks off again: the load after a capture runs as before it.
      requests.disable();
    }
    appendFileSync(this.file, `${JSON.stringify({ armed })}\n`);
  }

  /** Runs every request carrying the header, while armed, in its capture scope. */
  scopeRequests(fastify: FastifyInstance): void {
    const enter = (req: FastifyRequest, _reply: unknown, done: () => void) => {
      if (!this.armed) return done();
      let scope = (req as unknown as { [SCOPE]?: Scope })[SCOPE];
      if (!scope) {
        const id = req.headers[CAPTURE_HEADER];
        if (typeof id !== 'string' || !id) return done();
        scope = { id, open: true };
        (req as unknown as { [SCOPE]: Scope })[SCOPE] = scope;
      }
      requests.run(scope, done);
    };
    fastify.addHook('onRequest', enter);
    // The body is read on the socket's events, which carry no request context: entered again before the handler
    // (guards, pipes, the controller and everything it awaits run from here).
    fastify.addHook('preValidation', enter);
    fastify.addHook('onResponse', (req, _reply, done) => {
      const scope = (req as unknown as { [SCOPE]?: Scope })[SCOPE];
      if (scope) scope.open = false;
      done();
    });
  }

  private wrap(client: pg.PoolClient) {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (config: unknown, values?: unknown, cb?: unknown) => {
      if (this.armed) {
        const scope = requests.getStore();
        if (scope?.open) this.write(scope.id, config, values);
      }
      return query(config, values, cb);
    };
  }

  /**
   * pool.query checks a client out and calls its query from a callback that runs in whichever context hands the
   * client over (often another request's release), so the client's wrapper could credit a statement to the wrong
   * request. While armed, pool.query checks out and queries from the caller's own continuation instead.
   */
  private routePoolQueries() {
    const pool = this.pool;
    this.poolQuery = pool.query;
    const original = this.poolQuery.bind(pool) as (...args: unknown[]) => unknown;
    (pool as unknown as { query: unknown }).query = (config: unknown, values?: unknown, cb?: unknown) => {
      if (typeof values === 'function' || typeof cb === 'function') return original(config, values, cb);
      return (async () => {
        const client = await pool.connect();
        try {
          const result = await client.query(config as string, values as unknown[]);
          client.release();
          return result;
        } catch (err) {
          // As pool.query does: a client whose query failed is not given to anyone else.
          client.release(err as Error);
          throw err;
        }
      })();
    };
  }

  private restorePoolQueries() {
    if (this.poolQuery) (this.pool as unknown as { query: unknown }).query = this.poolQuery;
    this.poolQuery = null;
  }

  private write(scope: string, config: unknown, values: unknown) {
    const c = typeof config === 'string' ? { text: config } : (config as { name?: string; text: string });
    const params = (Array.isArray(values) ? values : ((c as { values?: unknown[] }).values ?? [])).map(
      prepare,
    );
    const line: CapturedStatement = {
      at: Date.now(),
      scope,
      name: c.name ?? null,
      text: c.text,
      values: params,
    };
    appendFileSync(this.file, `${JSON.stringify(line)}\n`);
  }
}

/** A value as node-postgres sends it (its text form; arrays as array literals, JSON as text). */
function prepare(v: unknown): string | null {
  const out = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue(v);
  if (out === null || out === undefined) return null;
  return Buffer.isBuffer(out) ? `\\x${out.toString('hex')}` : String(out);
}
