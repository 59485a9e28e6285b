import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** password.ts reads its cost when loaded: each case loads it afresh under the environment it names. */
async function load(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
  return import('./password.js');
}

afterEach(() => vi.unstubAllEnvs());

describe('password hashing cost', () => {
  it('hashes at N=2^15 outside tests, whatever PASSWORD_HASH_COST says', async () => {
    const { hashPassword, verifyPassword } = await load({ NODE_ENV: 'production', PASSWORD_HASH_COST: '10' });
    const stored = await hashPassword('s3cret');
    expect(stored.split('$').slice(0, 4)).toEqual(['scrypt', '32768', '8', '1']);
    expect(await verifyPassword('s3cret', stored)).toBe(true);
  });

  it('hashes cheaply under NODE_ENV=test with PASSWORD_HASH_COST, and still verifies a full-cost hash', async () => {
    const { hashPassword, verifyPassword } = await load({ NODE_ENV: 'test', PASSWORD_HASH_COST: '10' });
    const cheap = await hashPassword('s3cret');
    expect(cheap.split('$')[1]).toBe('1024');
    expect(await verifyPassword('s3cret', cheap)).toBe(true);
    expect(await verifyPassword('wrong', cheap)).toBe(false);
    // A hash stored in production (N=2^15) carries its own parameters.
    const salt = randomBytes(16);
    const key = scryptSync('s3cret', salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 128 * 2 ** 15 * 8 * 2 });
    const full = `scrypt$32768$8$1$${salt.toString('base64')}$${key.toString('base64')}`;
    expect(await verifyPassword('s3cret', full)).toBe(true);
    expect(await verifyPassword('wrong', full)).toBe(false);
  });

  it('refuses a cost out of range rather than hashing weakly', async () => {
    await expect(load({ NODE_ENV: 'test', PASSWORD_HASH_COST: '4' })).rejects.toThrow(/PASSWORD_HASH_COST/);
  });
});
