import type { OnApplicationShutdown } from '@nestjs/common';
import {
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
  ThrottlerStorageService,
} from '@nestjs/throttler';
import { createClient } from 'redis';
import type { Config } from '../config.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Login attempts per client address and minute (LOGIN_RATE_LIMIT, 0 = no limit), counted in Redis when REDIS_URL
 * is set so every node shares the count, in memory otherwise. Over the limit: 429 with Retry-After, before the
 * body is validated or a password hashed. This bounds what one client costs; the per-account lock
 * (LOGIN_MAX_FAILURES) bounds what guesses at one account can learn.
 */
export function loginThrottleOptions(config: Config): ThrottlerModuleOptions {
  return {
    throttlers: [{ name: 'default', ttl: 60_000, limit: Math.max(config.LOGIN_RATE_LIMIT, 1) }],
    skipIf: () => config.LOGIN_RATE_LIMIT === 0,
    errorMessage:
      '登录尝试过于频繁，请稍后再试 (too many sign-in attempts from this address, try again later)',
    storage: config.REDIS_URL
      ? new RedisThrottlerStorage(config.REDIS_URL, `${config.REDIS_PREFIX}:throttle:`)
      : new ThrottlerStorageService(),
  };
}

/** Hits in a fixed window and a block once over the limit, in one Lua call (atomic across nodes). */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
if blocked > 0 then
  return {tonumber(redis.call('GET', KEYS[1]) or '0'), math.max(redis.call('PTTL', KEYS[1]), 0), blocked}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  local block = tonumber(ARGV[3])
  if block <= 0 then block = ttl end
  redis.call('SET', KEYS[2], '1', 'PX', block)
  return {hits, ttl, block}
end
return {hits, ttl, 0}
`;

export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly client;
  private readonly ready: Promise<unknown>;

  constructor(
    url: string,
    private readonly prefix: string,
  ) {
    this.client = createClient({ url, RESP: 2 });
    this.client.on('error', (err: Error) => console.error(`[redis throttle] ${err.message}`));
    this.ready = this.client.connect();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    await this.ready;
    const base = `${this.prefix}${throttlerName}:${key}`;
    const [hits, ttlMs, blockMs] = (await this.client.eval(INCREMENT, {
      keys: [base, `${base}:blocked`],
      arguments: [String(ttl), String(limit), String(blockDuration)],
    })) as [number, number, number];
    return {
      totalHits: hits,
      timeToExpire: Math.ceil(ttlMs / 1000),
      isBlocked: blockMs > 0,
      timeToBlockExpire: Math.ceil(blockMs / 1000),
    };
  }

  async onApplicationShutdown() {
    await this.ready.catch(() => {});
    await this.client.quit().catch(() => {});
  }
}
