import { appendFileSync } from 'node:fs';
import pg from 'pg';

/** One statement as the driver sent it: the prepared statement's name (if any), its text, its values as sent. */
export interface CapturedStatement {
  at: number;
  name: string | null;
  text: string;
  values: (string | null)[];
}

/**
 * Benchmark mode (`GD_SQL_CAPTURE=<file>`): every statement the pool's connections send while capture is armed is
 * appended to the file as a JSON line, so the benchmark builds its SQL floor from the statements the API really sends
 * (test/bench/lib/sql-floor.ts). SIGUSR2 arms and disarms it; each toggle writes `{"armed":…}` so the benchmark
 * knows when it took effect. Off (no variable), nothing is wrapped.
 */
export function captureStatements(pool: pg.Pool, file: string | undefined): void {
  if (!file) return;
  let armed = false;
  process.on('SIGUSR2', () => {
    armed = !armed;
    appendFileSync(file, `${JSON.stringify({ armed })}\n`);
  });
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: unknown }).query = (config: unknown, values?: unknown, cb?: unknown) => {
      if (armed) {
        const c = typeof config === 'string' ? { text: config } : (config as { name?: string; text: string });
        const params = (Array.isArray(values) ? values : ((c as { values?: unknown[] }).values ?? [])).map(
          prepare,
        );
        const line: CapturedStatement = {
          at: Date.now(),
          name: c.name ?? null,
          text: c.text,
          values: params,
        };
        appendFileSync(file, `${JSON.stringify(line)}\n`);
      }
      return query(config, values, cb);
    };
  });
}

/** A value as node-postgres sends it (its text form; arrays as array literals, JSON as text). */
function prepare(v: unknown): string | null {
  const out = (pg as unknown as { utils: { prepareValue(v: unknown): unknown } }).utils.prepareValue(v);
  if (out === null || out === undefined) return null;
  return Buffer.isBuffer(out) ? `\\x${out.toString('hex')}` : String(out);
}
