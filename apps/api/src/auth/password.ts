import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { ServiceUnavailableException } from '@nestjs/common';

/**
 * scrypt (memory-hard, in Node's own crypto: no native addon to build). N=2^15, r=8 → 32 MiB per hash.
 * Stored as `scrypt$N$r$p$salt$hash` (base64) so the cost can be raised later without breaking old hashes.
 * Tests lower N with PASSWORD_HASH_COST (log2 N, 10–15), honoured only under NODE_ENV=test: a hash records its
 * own N, so hashes made at either cost verify.
 */
const N = 2 ** hashCost(process.env);
const R = 8;
const P = 1;
const KEY_LENGTH = 32;

function hashCost(env: NodeJS.ProcessEnv): number {
  if (env.NODE_ENV !== 'test' || !env.PASSWORD_HASH_COST) return 15;
  const cost = Number(env.PASSWORD_HASH_COST);
  if (!Number.isInteger(cost) || cost < 10 || cost > 15)
    throw new Error(`PASSWORD_HASH_COST must be an integer from 10 to 15, not ${env.PASSWORD_HASH_COST}`);
  return cost;
}

/**
 * scrypt runs in libuv's thread pool (4 threads, shared with file and DNS work): at most HASH_CONCURRENCY hashes
 * at once, so a burst of logins queues here instead of filling the pool, and a queue longer than HASH_QUEUE is
 * refused with 503 at once rather than answering everyone late.
 */
const HASH_CONCURRENCY = 2;
const HASH_QUEUE = 200;
let running = 0;
const waiting: (() => void)[] = [];

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= HASH_CONCURRENCY) {
    if (waiting.length >= HASH_QUEUE)
      throw new ServiceUnavailableException('too many sign-ins at once, try again shortly');
    await new Promise<void>((resolve) => waiting.push(resolve));
  } else running++;
  try {
    return await work();
  } finally {
    // Hand the slot straight to the next in line (running stays the same), or free it.
    const next = waiting.shift();
    if (next) next();
    else running--;
  }
}

function derive(password: string, salt: Buffer, n: number, r: number, p: number): Promise<Buffer> {
  return withHashSlot(
    () =>
      new Promise((resolve, reject) =>
        scrypt(password, salt, KEY_LENGTH, { N: n, r, p, maxmem: 128 * n * r * 2 }, (err, key) =>
          err ? reject(err) : resolve(key),
        ),
      ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, N, R, P);
  return `scrypt$${N}$${R}$${P}$${salt.toString('base64')}$${key.toString('base64')}`;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const key = await derive(password, Buffer.from(salt, 'base64'), Number(n), Number(r), Number(p));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** A hash of nothing, checked against when the username is unknown so timing does not reveal which exist. */
export const DUMMY_HASH = `scrypt$${N}$${R}$${P}$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=`;
