import type { FastifyInstance } from 'fastify';

/**
 * Bounds on any request's parsed JSON body, query string and path parameters, checked before validation. No DTO
 * of this API comes near them (the largest is an outage area: a few rings of up to 5,000 corners, depth 4); they
 * exist so that a hostile body costs a bounded walk, not seconds of class-transformer time or a stack overflow.
 */
export const INPUT_LIMITS = {
  /** Nesting of objects and arrays. */
  depth: 32,
  /** Keys of any one object. */
  keys: 256,
  /** Elements of any one array. */
  arrayLength: 10_000,
  /** Values in the whole input (objects, arrays, strings, numbers…), so that many medium objects add up too. */
  nodes: 100_000,
} as const;

export type InputLimits = { [K in keyof typeof INPUT_LIMITS]: number };

/**
 * The first reason `value` cannot be accepted, or null: too deep, too many keys or elements, or a string (value or
 * key) that PostgreSQL cannot store in text — a NUL character (U+0000, SQLSTATE 22021/22P05) or a lone UTF-16
 * surrogate (no UTF-8 encoding: the driver would silently store U+FFFD instead). Iterative, and it stops at the first
 * bound reached, so its cost is at most `limits.nodes` steps whatever the input.
 */
export function findUnsafeInput(value: unknown, where: string, limits: InputLimits = INPUT_LIMITS) {
  const stack: { value: unknown; depth: number; path: string }[] = [{ value, depth: 0, path: where }];
  let nodes = 0;
  while (stack.length > 0) {
    const item = stack.pop()!;
    if (++nodes > limits.nodes) return `${where} has more than ${limits.nodes} values`;
    const v = item.value;
    if (typeof v === 'string') {
      const bad = badString(v);
      if (bad) return `${item.path} ${bad}`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (item.depth >= limits.depth) return `${where} is nested deeper than ${limits.depth} levels`;
    if (Array.isArray(v)) {
      if (v.length > limits.arrayLength) return `${item.path} has more than ${limits.arrayLength} elements`;
      for (let i = 0; i < v.length; i++)
        stack.push({ value: v[i], depth: item.depth + 1, path: `${item.path}[${i}]` });
      continue;
    }
    let keys = 0;
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      if (++keys > limits.keys) return `${item.path} has more than ${limits.keys} keys`;
      const bad = badString(key);
      if (bad) return `a key of ${item.path} ${bad}`;
      stack.push({
        value: (v as Record<string, unknown>)[key],
        depth: item.depth + 1,
        path: `${item.path}.${key}`,
      });
    }
  }
  return null;
}

function badString(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  // String.prototype.isWellFormed: Node 20 has it, the project's TypeScript lib (ES2023) does not declare it.
  if (!(s as string & { isWellFormed(): boolean }).isWellFormed())
    return 'contains a lone UTF-16 surrogate, which is not valid Unicode';
  return null;
}

/**
 * One hook for every route, before Nest's pipes: path parameters, query string and body pass findUnsafeInput, and
 * a body, when there is one, is a JSON object or array (`null` or `3` is not a request to any operation here).
 * Refusals are 400 in the API's error shape and nothing runs behind them.
 */
export function registerInputGuard(fastify: FastifyInstance, limits: InputLimits = INPUT_LIMITS) {
  fastify.addHook('preValidation', async (req, reply) => {
    const body = req.body;
    const problem =
      findUnsafeInput(req.params, 'params', limits) ??
      findUnsafeInput(req.query, 'query', limits) ??
      // An image body (photo uploads, registerImageBodies) is bytes, checked by its service.
      (Buffer.isBuffer(body)
        ? req.routeOptions.url?.endsWith('/photos')
          ? null
          : 'the request body must be a JSON object'
        : body !== undefined && (body === null || typeof body !== 'object')
          ? 'the request body must be a JSON object'
          : findUnsafeInput(body, 'body', limits));
    if (problem) return reply.code(400).send({ statusCode: 400, message: problem, error: 'Bad Request' });
  });
}

/**
 * Image bodies (a crew's photos) parsed as raw bytes up to `maxBytes`; larger ones are 413 before they are read
 * to the end. Other binary types stay 415 (Fastify has no parser for them).
 */
export function registerImageBodies(fastify: FastifyInstance, types: readonly string[], maxBytes: number) {
  fastify.addContentTypeParser([...types], { parseAs: 'buffer', bodyLimit: maxBytes }, (_req, body, done) =>
    done(null, body),
  );
}
