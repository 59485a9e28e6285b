import type { ThrottlerStorage } from '@nestjs/throttler';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { throttleHits } from '../db/schema/index.js';
import { RedisThrottlerStorage } from './login-throttle.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** Every this many increments, a node deletes the rows of windows long over (one row per client and route). */
const CLEAN_EVERY = 1000;

/**
 * Throttler counters in the database, so every node on it shares one count per client (the limit holds behind a
 * balancer, with no Redis). One upsert per request: a fixed window of `ttl` ms, a block of `blockDuration` ms once
 * over the limit, both on the database's clock so nodes with drifting clocks agree.
 */
export class DbThrottlerStorage implements ThrottlerStorage {
  private calls = 0;

  constructor(private readonly database: DatabaseHandle) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const db = this.database.db;
    if (++this.calls % CLEAN_EVERY === 0) {
      await db.execute(
        sql`delete from ${throttleHits} where window_ends_at < now() - interval '1 hour'
              and (blocked_until is null or blocked_until < now())`,
      );
    }
    const window = sql`(${ttl}::float8 * interval '1 millisecond')`;
    const block = sql`(${blockDuration > 0 ? blockDuration : ttl}::float8 * interval '1 millisecond')`;
    // Old row t: blocked → unchanged; window over → a new window with one hit; else one more hit.
    const blocked = sql`(t.blocked_until is not null and t.blocked_until > now())`;
    const over = sql`(t.window_ends_at <= now())`;
    const hits = sql`(case when ${over} then 1 else t.hits + 1 end)`;
    const result = (await db.execute(sql`
      insert into ${throttleHits} as t (key, hits, window_ends_at, blocked_until)
      values (${`${throttlerName}:${key}`}, 1, now() + ${window},
              case when 1 > ${limit}::int then now() + ${block} end)
      on conflict (key) do update set
        hits = case when ${blocked} then t.hits else ${hits} end,
        window_ends_at = case when not ${blocked} and ${over} then now() + ${window} else t.window_ends_at end,
        blocked_until = case when ${blocked} then t.blocked_until
                             when ${hits} > ${limit}::int then now() + ${block} end
      returning hits,
        greatest(extract(epoch from window_ends_at - now()), 0)::float8 as expires_s,
        greatest(coalesce(extract(epoch from blocked_until - now()), 0), 0)::float8 as blocked_s`)) as unknown as {
      rows: { hits: number; expires_s: number; blocked_s: number }[];
    };
    const row = result.rows[0]!;
    const blockedS = Number(row.blocked_s);
    return {
      totalHits: Number(row.hits),
      timeToExpire: Math.ceil(Number(row.expires_s)),
      isBlocked: blockedS > 0,
      timeToBlockExpire: Math.ceil(blockedS),
    };
  }
}

/** Counters every node shares: in Redis when REDIS_URL is set, else in the database (`npm start` needs no Redis). */
export function sharedThrottlerStorage(
  config: Config,
  database: DatabaseHandle,
  name: string,
): ThrottlerStorage {
  return config.REDIS_URL
    ? new RedisThrottlerStorage(config.REDIS_URL, `${config.REDIS_PREFIX}:${name}:`)
    : new DbThrottlerStorage(database);
}
