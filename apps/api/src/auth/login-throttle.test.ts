import { afterAll, describe, expect, it } from 'vitest';
import { RedisThrottlerStorage } from './login-throttle.js';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

/** On the machine's Redis: the count two nodes share, its block, and the prefix that keeps deployments apart. */
describe.runIf(process.env.DATABASE_URL || process.env.REDIS_URL)('login throttle storage in Redis', () => {
  const run = `gd-test-${process.pid}-${Date.now()}`;
  const nodeA = new RedisThrottlerStorage(REDIS_URL, `${run}:throttle:`);
  const nodeB = new RedisThrottlerStorage(REDIS_URL, `${run}:throttle:`);
  const elsewhere = new RedisThrottlerStorage(REDIS_URL, `${run}-other:throttle:`);
  afterAll(async () => {
    for (const s of [nodeA, nodeB, elsewhere]) await s.onApplicationShutdown();
  });

  it('counts hits from every node against one limit, blocks with a time to wait, and keeps prefixes apart', async () => {
    const hit = (s: RedisThrottlerStorage) => s.increment('client-1', 60_000, 3, 0, 'default');
    const results = [];
    for (const s of [nodeA, nodeB, nodeA]) results.push(await hit(s));
    expect(results.map((r) => [r.totalHits, r.isBlocked])).toEqual([
      [1, false],
      [2, false],
      [3, false],
    ]);
    const over = await hit(nodeB);
    expect(over.isBlocked).toBe(true);
    expect(over.timeToBlockExpire).toBeGreaterThan(55);
    expect((await hit(nodeA)).isBlocked).toBe(true);
    expect(await hit(elsewhere)).toMatchObject({ totalHits: 1, isBlocked: false });
  });
});
