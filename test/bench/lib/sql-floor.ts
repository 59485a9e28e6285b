import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type pg from 'pg';
import type { ApiClient } from '../../support/api.js';
import type { SharedSystem } from './context.js';

/** A statement as the API's driver sent it (apps/api/src/db/sql-capture.ts). */
interface Captured {
  name: string | null;
  text: string;
  values: (string | null)[];
}

/** The statements of one call path, in the order sent, and what the floor script is made of. */
export interface CapturedPath {
  statements: Captured[];
  /** Named (prepared) statements among them. */
  prepared: number;
}

const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : ([] as string[]);

/** Arms or disarms the API's statement capture (SIGUSR2) and waits until it says it took effect. */
async function toggle(sys: SharedSystem, armed: boolean): Promise<number> {
  const file = sys.captureFile!;
  const before = lines(file).filter((l) => l.startsWith('{"armed"')).length;
  process.kill(sys.apiPid!, 'SIGUSR2');
  const until = Date.now() + 10_000;
  for (;;) {
    const all = lines(file);
    const marks = all.filter((l) => l.startsWith('{"armed"'));
    if (marks.length > before) {
      if (marks.at(-1) !== JSON.stringify({ armed }))
        throw new Error('statement capture toggled out of step');
      return all.length;
    }
    if (Date.now() > until) throw new Error('the API did not answer SIGUSR2: is GD_SQL_CAPTURE set?');
    await new Promise((r) => setTimeout(r, 5));
  }
}

/** What varies from one call path to the next, as pgbench variables of the floor script. */
interface PathValues {
  customerId: string;
  phone: string;
  callId: string;
  ticketId: string;
  key: string;
}

/**
 * Runs one call path (POST /api/calls, then POST /api/tickets) with the API capturing its statements, and returns them
 * with the values that differ per path.
 */
async function captureOne(
  sys: SharedSystem,
  agent: ApiClient,
  caller: { id: string; phone: string },
): Promise<{ statements: Captured[]; idle: Captured[]; values: PathValues }> {
  const from = await toggle(sys, true);
  const t0 = performance.now();
  const key = randomUUID();
  let call: { status: number; body: { id: string } };
  let order: { status: number; body: { id: string } };
  try {
    call = await agent.post('/calls', { phone: caller.phone, channel: 'phone' });
    order = await agent.post(
      '/tickets',
      {
        callId: call.body.id,
        type: 'fault_repair',
        customerId: caller.id,
        description: '家中停电（基准测试）',
      },
      { 'idempotency-key': key },
    );
  } finally {
    await toggle(sys, false);
  }
  if (call.status !== 201 || order.status !== 201)
    throw new Error(`captured path failed: ${call.status} / ${order.status}`);
  const read = (start: number) =>
    lines(sys.captureFile!)
      .slice(start)
      .filter((l) => !l.startsWith('{"armed"'))
      .map((l) => JSON.parse(l) as Captured);
  const statements = read(from);
  // As long again with no request: what the API's timers send anyway (pollers), left out of the path.
  const idleFrom = await toggle(sys, true);
  await new Promise((r) => setTimeout(r, performance.now() - t0));
  await toggle(sys, false);
  return {
    statements,
    idle: read(idleFrom),
    values: {
      customerId: caller.id,
      phone: caller.phone,
      callId: call.body.id,
      ticketId: order.body.id,
      key,
    },
  };
}

const signature = (s: Captured) => s.name ?? s.text;

/**
 * The statements one call path sends, captured three times (three callers) and kept only where all three agree and
 * none was seen in as long a window with no request, so a background job's statement (a poller, a timer that fired
 * inside the window) is left out; values that differ per path become pgbench variables.
 */
export async function captureCallPath(
  sys: SharedSystem,
  agent: ApiClient,
  callers: { id: string; phone: string }[],
): Promise<{ path: CapturedPath; template: Captured[] }> {
  const runs = [];
  for (const caller of callers.slice(0, 3)) runs.push(await captureOne(sys, agent, caller));
  const counts = runs.map((r) => {
    const m = new Map<string, number>();
    for (const s of r.statements) m.set(signature(s), (m.get(signature(s)) ?? 0) + 1);
    return m;
  });
  const background = new Set(runs.flatMap((r) => r.idle.map(signature)));
  const [first] = runs;
  const kept = first!.statements.filter(
    (s) => !background.has(signature(s)) && counts.every((m) => (m.get(signature(s)) ?? 0) > 0),
  );
  const template = kept.map((s) => ({ ...s, values: s.values.map((v) => templated(v, first!.values)) }));
  return {
    template,
    path: { statements: kept, prepared: kept.filter((s) => s.name).length },
  };
}

/** pgbench variables for the values of one path (set per transaction by the script's first statement). */
const VARIABLES: Record<keyof PathValues, string> = {
  customerId: 'gd_customer_id',
  phone: 'gd_phone',
  callId: 'gd_call_id',
  ticketId: 'gd_ticket_id',
  key: 'gd_key',
};

function templated(v: string | null, values: PathValues): string | null {
  if (v === null) return null;
  let out = v;
  for (const [k, name] of Object.entries(VARIABLES))
    out = out.split(values[k as keyof PathValues]).join(`:${name}`);
  return out;
}

const literal = (v: string | null) => (v === null ? 'NULL' : `'${v.replaceAll("'", "''")}'`);

/**
 * The floor as a pgbench script (`pgbench -M simple -D gd_prepared=0 -f …`): per transaction, one lookup picks a
 * caller and fresh ids (`\gset`), then the API's statements follow in the order it sent them, its named statements
 * prepared once per connection (PREPARE … AS its text, with the same untyped parameters) and run with EXECUTE, its
 * unnamed ones sent with their values inline (parsed and planned each time, as the API's are).
 */
export function floorScript(template: Captured[], callersTable: string, callers: number): string {
  const out = [
    '-- Generated by test/bench/lib/sql-floor.ts from the statements the API sent for one call path.',
    `\\set k random(1, ${callers})`,
    `select id as gd_customer_id, phone as gd_phone, gen_random_uuid() as gd_call_id, gen_random_uuid() as gd_ticket_id, gen_random_uuid() as gd_key from ${callersTable} where k = :k`,
    '\\gset',
    '\\if :gd_prepared = 0',
  ];
  const seen = new Set<string>();
  for (const s of template) {
    if (s.name && !seen.has(s.name)) {
      seen.add(s.name);
      out.push(`PREPARE ${s.name} AS ${s.text};`);
    }
  }
  out.push('\\set gd_prepared 1', '\\endif');
  for (const s of template) {
    if (s.name) {
      out.push(
        s.values.length ? `EXECUTE ${s.name}(${s.values.map(literal).join(', ')});` : `EXECUTE ${s.name};`,
      );
    } else {
      out.push(`${s.text.replace(/\$(\d+)/g, (_, n) => literal(s.values[Number(n) - 1] ?? null))};`);
    }
  }
  return `${out.join('\n')}\n`;
}

/** A table of the callers the floor draws from (k = 1…n), in the API's database. */
export async function callersTable(
  sql: pg.Pool,
  callers: { id: string; phone: string }[],
): Promise<{ table: string; n: number }> {
  const table = 'gd_bench_callers';
  await sql.query(`drop table if exists ${table}`);
  await sql.query(`create table ${table} (k int primary key, id uuid not null, phone text not null)`);
  await sql.query(
    `insert into ${table} select k, id, phone from unnest($1::uuid[], $2::text[]) with ordinality as c(id, phone, k)`,
    [callers.map((c) => c.id), callers.map((c) => c.phone)],
  );
  await sql.query(`analyze ${table}`);
  return { table, n: callers.length };
}

export function writeScript(file: string, script: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, script);
  return file;
}

/**
 * The generic plan (the one Postgres settles on after five runs of a prepared statement) of each named statement of
 * the path, run with the captured values: the sequential scans in it, by statement. A generic plan that scans a big
 * table would make every call after the fifth slow.
 */
export async function genericPlanScans(sql: pg.Pool, path: CapturedPath): Promise<Map<string, string[]>> {
  const client = await sql.connect();
  const scans = new Map<string, string[]>();
  try {
    await client.query('begin');
    await client.query('set local plan_cache_mode = force_generic_plan');
    for (const s of path.statements) {
      if (!s.name || scans.has(s.name)) continue;
      await client.query(`prepare ${s.name} as ${s.text}`);
      const args = s.values.map(literal).join(', ');
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(
        `explain execute ${s.name}${s.values.length ? `(${args})` : ''}`,
      );
      scans.set(
        s.name,
        rows.map((r) => r['QUERY PLAN']).flatMap((l) => l.match(/Seq Scan on (\w+)/)?.[1] ?? []),
      );
    }
  } finally {
    await client.query('rollback').catch(() => {});
    await client.query('deallocate all').catch(() => {});
    client.release();
  }
  return scans;
}
