import { SwaggerModule } from '@nestjs/swagger';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiConfig } from '../bootstrap.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';

/**
 * Property: whatever a client sends to any operation of the OpenAPI document the app generates (valid, mutated or
 * hostile path parameters, query strings and bodies, as an agent, a crew, an admin or with no token), the answer
 * is never a 5xx, and a health probe running alongside always answers within HEALTH_BOUND_MS.
 * FUZZ_RUNS sets the number of generated requests per database (CI default below: about a minute each).
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 600);
/**
 * What "the server never stalls" means on a 2-core machine shared with the other suites: a hostile body that
 * blocked the event loop (no input guard) held the probe 4.1 s; a loaded CI box, with nothing blocking, once
 * answered in 1.12 s, which a 1 s bound failed.
 */
const HEALTH_BOUND_MS = 2500;
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  example?: unknown;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};
interface Operation {
  method: string;
  path: string;
  pathParams: string[];
  query: { name: string; schema: Schema }[];
  body: Schema | null;
}
type Variant = 'valid' | 'mutated' | 'hostile';
interface Sent {
  op: Operation;
  variant: Variant;
  role: string;
  url: string;
  body: string | undefined;
}

const HOSTILE_STRINGS = [
  '%ED%A0%80',
  '%FF%FE',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff x',
  "'; drop table staff; --",
  '%00',
  '%',
  '../../etc/passwd',
  '𠀀'.repeat(300),
  'x'.repeat(5000),
  '9999-12-31T23:59:59Z',
  '-infinity',
  '0000-00-00',
  '1e309',
  'NaN',
  '{"a":1}',
  '__proto__',
  'constructor',
  '<script>alert(1)</script>',
  ' ',
  '',
];
const HOSTILE_NUMBERS = [-1, 0, 1e308, -1e308, 2 ** 53 + 1, 1.5, -0.0001, 91, -181, 99999999999];
const hostileScalar = fc.oneof(
  fc.constantFrom<unknown>(...HOSTILE_STRINGS, ...HOSTILE_NUMBERS, null, true, false, [], {}),
  fc.string({ maxLength: 40, unit: 'binary' }),
  fc.double(),
  fc.integer(),
);

function deref(doc: OpenApiDoc, s: Schema | undefined): Schema {
  let schema = s ?? {};
  for (let i = 0; i < 10 && schema.$ref; i++)
    schema = doc.components?.schemas?.[schema.$ref.split('/').pop()!] ?? {};
  const combined = schema.allOf?.[0] ?? schema.oneOf?.[0] ?? schema.anyOf?.[0];
  return combined ? { ...deref(doc, combined), nullable: schema.nullable } : schema;
}

/** A value that fits `schema` (roughly: patterns are not followed, the schema's example is used when it has one). */
function validValue(
  doc: OpenApiDoc,
  raw: Schema | undefined,
  ids: fc.Arbitrary<string>,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = deref(doc, raw);
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  if (depth > 6) return fc.constant(null);
  switch (s.type) {
    case 'integer':
      return fc.integer({ min: s.minimum ?? 0, max: Math.min(s.maximum ?? 1000, 2 ** 31 - 1) });
    case 'number':
      return fc.double({
        min: s.minimum ?? -90,
        max: s.maximum ?? 180,
        noNaN: true,
        noDefaultInfinity: true,
      });
    case 'boolean':
      return fc.boolean();
    case 'array':
      return fc.array(validValue(doc, s.items, ids, depth + 1), { maxLength: 4 });
    case 'object':
    case undefined: {
      if (!s.properties) return s.type === 'object' ? fc.constant({}) : fc.string({ maxLength: 20 });
      const required = new Set(s.required ?? []);
      const entries = Object.entries(s.properties).map(
        ([k, v]) => [k, validValue(doc, v, ids, depth + 1)] as const,
      );
      return fc.record(Object.fromEntries(entries), {
        requiredKeys: [...required].filter((k) => k in s.properties!),
      });
    }
    default: {
      if (s.example !== undefined) return fc.constant(s.example);
      if (s.format === 'uuid') return ids;
      if (s.format === 'date-time')
        return fc
          .date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString());
      return fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 30, 60) });
    }
  }
}

/** A valid object with one thing wrong: a field dropped, set to null, to another type, or an extra one. */
function mutate(value: unknown): fc.Arbitrary<unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return hostileScalar.map((h) => (Array.isArray(value) ? [h] : h));
  const keys = Object.keys(value);
  return fc.oneof(
    keys.length ? fc.constantFrom(...keys).map((k) => ({ ...value, [k]: undefined })) : fc.constant(value),
    keys.length
      ? fc.tuple(fc.constantFrom(...keys), hostileScalar).map(([k, h]) => ({ ...value, [k]: h }))
      : fc.constant({ x: 1 }),
    fc.tuple(fc.string({ maxLength: 12 }), hostileScalar).map(([k, h]) => ({ ...value, [k]: h })),
    fc.constant(null),
  );
}

/** Bodies no client should send: deep, wide, long, of the wrong shape. Each is sent to every operation with a body. */
const HOSTILE_BODIES = [
  `${'['.repeat(3000)}${']'.repeat(3000)}`,
  `${'{"a":'.repeat(2500)}1${'}'.repeat(2500)}`,
  `{${Array.from({ length: 30_000 }, (_, i) => `"k${i}":0`).join(',')}}`,
  JSON.stringify({ items: new Array(20_000).fill(0) }),
  'null',
  '"just a string"',
  '12',
  '{"a":',
  '{"__proto__":{"admin":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  '{"name":"a\\u0000b","username":"a\\u0000b","description":"a\\u0000b","notes":"a\\u0000b"}',
];
const hostileBody = fc.oneof(
  fc.constantFrom(...HOSTILE_BODIES),
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 200 }),
);

interface OpenApiDoc {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema?: Schema }[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      }
    >
  >;
  components?: { schemas?: Record<string, Schema> };
}

/** encodeURIComponent, or for a lone surrogate (which it refuses) the bytes a careless client would send. */
function encodeLoosely(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value
      .split('')
      .map((c) => {
        try {
          return encodeURIComponent(c);
        } catch {
          return '%ED%A0%80';
        }
      })
      .join('');
  }
}

function operations(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths))
    for (const [method, op] of Object.entries(byMethod)) {
      const params = op.parameters ?? [];
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!),
        query: params.filter((p) => p.in === 'query').map((p) => ({ name: p.name, schema: p.schema ?? {} })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
      });
    }
  return ops;
}

function request(
  doc: OpenApiDoc,
  op: Operation,
  ids: fc.Arbitrary<string>,
  roles: string[],
): fc.Arbitrary<Sent> {
  const variant = fc.constantFrom<Variant>('valid', 'mutated', 'hostile');
  return fc.tuple(variant, fc.constantFrom(...roles)).chain(([v, role]) => {
    const param =
      v === 'valid' ? ids : fc.oneof(ids, hostileScalar.map(String), fc.string({ unit: 'binary' }));
    const pathArb = fc.tuple(...op.pathParams.map(() => param)).map((values) => {
      let p = op.path;
      op.pathParams.forEach((name, i) => {
        p = p.replace(`{${name}}`, encodeLoosely(values[i]!));
      });
      return p;
    });
    const queryArb = fc
      .tuple(
        ...op.query.map((q) =>
          fc.option(
            v === 'valid'
              ? validValue(doc, q.schema, ids)
              : fc.oneof(validValue(doc, q.schema, ids), hostileScalar),
            { nil: undefined },
          ),
        ),
      )
      .map((values) => {
        const qs = new URLSearchParams();
        op.query.forEach((q, i) => {
          const value = values[i];
          if (value === undefined) return;
          for (const one of Array.isArray(value) ? value : [value])
            qs.append(q.name, typeof one === 'object' ? JSON.stringify(one) : String(one));
        });
        return qs.toString();
      });
    const valid = op.body ? validValue(doc, op.body, ids) : fc.constant(undefined);
    const bodyArb: fc.Arbitrary<string | undefined> = !op.body
      ? v === 'hostile' && op.method !== 'GET'
        ? fc.option(hostileBody, { nil: undefined })
        : fc.constant(undefined)
      : v === 'valid'
        ? valid.map((b) => JSON.stringify(b))
        : v === 'mutated'
          ? valid.chain(mutate).map((b) => JSON.stringify(b) ?? 'null')
          : hostileBody;
    return fc.record({
      op: fc.constant(op),
      variant: fc.constant(v),
      role: fc.constant(role),
      url: fc.tuple(pathArb, queryArb).map(([p, q]) => (q ? `${p}?${q}` : p)),
      body: bodyArb,
    });
  });
}

describe.each(DATABASES)('fuzzing every operation on %s', (kind) => {
  let t: TestApp;
  let doc: OpenApiDoc;
  const tokens: Record<string, string | undefined> = { none: undefined };
  let knownIds: string[] = [];

  beforeAll(async () => {
    t = await startTestApp(kind, { customers: 50 });
    doc = SwaggerModule.createDocument(t.app, openApiConfig()) as unknown as OpenApiDoc;
    for (const user of ['agent1', 'crew01', 'admin']) tokens[user] = await t.token(user);
    const admin = tokens.admin!;
    const [crews, customers, tickets, staffList] = await Promise.all(
      ['/crews', '/customers?q=%E5%8C%BA', '/tickets', '/staff'].map((p) =>
        t.request('GET', p, { token: admin }),
      ),
    );
    const pick = (body: unknown) =>
      ((Array.isArray(body) ? body : ((body as { items?: unknown[] })?.items ?? [])) as { id?: string }[])
        .slice(0, 5)
        .map((x) => x.id)
        .filter((x): x is string => typeof x === 'string');
    knownIds = [crews, customers, tickets, staffList].flatMap((r) => pick(r!.body));
  }, 180_000);
  afterAll(() => t?.close());

  it('never answers 5xx, and health answers within 2.5 s throughout', async () => {
    const ops = operations(doc);
    expect(ops.length).toBeGreaterThan(40);
    const ids = fc.oneof(fc.constantFrom(...knownIds, 'GD20261203000001'), fc.uuid());
    const roles = Object.keys(tokens);
    const failures: string[] = [];
    let sent = 0;
    let slowestHostile = 0;
    let slowestProbe = 0;
    let probing = true;
    const probe = (async () => {
      while (probing) {
        const t0 = performance.now();
        const res = await fetch(`${t.url}/api/health`).catch(() => null);
        const ms = performance.now() - t0;
        slowestProbe = Math.max(slowestProbe, ms);
        if (res?.status !== 200 || ms > HEALTH_BOUND_MS)
          failures.push(`health probe: ${res?.status} in ${ms.toFixed(0)} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();

    const send = async (r: Sent) => {
      const token = tokens[r.role];
      const t0 = performance.now();
      const res = await fetch(`${t.url}${r.url}`, {
        method: r.op.method,
        headers: {
          ...(r.body !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: r.body,
      });
      await res.arrayBuffer();
      const ms = performance.now() - t0;
      sent++;
      if (r.variant === 'hostile') slowestHostile = Math.max(slowestHostile, ms);
      if (res.status >= 500)
        failures.push(
          `${res.status} ${r.op.method} ${r.url.slice(0, 200)} as ${r.role} (${r.variant}) body ${String(r.body).slice(0, 200)}`,
        );
      return res.status < 500;
    };

    // Every operation once per variant, with every hostile body when it takes one, with a NUL in its path
    // parameters and in its first query parameter; then random requests over all of them.
    for (const op of ops) {
      const sample = (variant: Variant) =>
        fc.sample(
          request(doc, op, ids, roles).filter((x) => x.variant === variant),
          { numRuns: 1, seed: SEED },
        )[0]!;
      for (const variant of ['valid', 'mutated', 'hostile'] as const) await send(sample(variant));
      const valid = sample('valid');
      if (op.body) for (const body of HOSTILE_BODIES) await send({ ...valid, variant: 'hostile', body });
      const filled = op.path.replace(/\{\w+\}/g, knownIds[0] ?? 'x');
      if (op.pathParams.length)
        await send({ ...valid, variant: 'hostile', url: op.path.replace(/\{\w+\}/g, 'a%00b') });
      if (op.query.length)
        await send({ ...valid, variant: 'hostile', url: `${filled}?${op.query[0]!.name}=%00` });
    }
    // Sampled rather than fc.assert: every failure is collected (no stop and shrink at the first one).
    const all = fc.oneof(...ops.map((op) => request(doc, op, ids, roles)));
    for (const r of fc.sample(all, { numRuns: RUNS, seed: SEED })) await send(r);
    probing = false;
    await probe;
    console.log(
      `fuzz on ${kind}: ${sent} requests over ${ops.length} operations, ${failures.filter((f) => !f.startsWith('health')).length} answers of 5xx, slowest answer to a hostile request ${slowestHostile.toFixed(0)} ms, slowest health probe ${slowestProbe.toFixed(0)} ms`,
    );
    expect(failures).toEqual([]);
  }, 600_000);
});
