import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

/**
 * pg-boss wakes jobs on the database's clock (`start_after < now()`, an active job expiring after
 * `started_on + expire_in`), while tests drive the messages worker on a virtual clock `ms` ahead: this moves every
 * unfinished job's times back by `ms`, as if the database's clock had moved on with it.
 */
export async function advanceQueueClock(db: Database, ms: number): Promise<void> {
  const by = sql`(${ms}::float8 * interval '1 millisecond')`;
  await db.execute(
    sql`update pgboss.job set start_after = start_after - ${by}, started_on = started_on - ${by} where state < 'completed'`,
  );
}

/** The kinds of the fan-out jobs pg-boss holds for an outage (one per message kind). */
export async function fanOutKinds(db: Database, outageId: string): Promise<string[]> {
  const result = (await db.execute(
    sql`select data->>'kind' as kind from pgboss.job where name = 'fan-out' and data->>'outageId' = ${outageId} order by 1`,
  )) as unknown as { rows: { kind: string }[] };
  return result.rows.map((r) => r.kind);
}
