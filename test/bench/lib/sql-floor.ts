import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type pg from 'pg';
import type { ApiClient } from '../../support/api.js';
import type { SharedSystem } from './context.js';

/** A statement as the API's driver sent it for one request (apps/api/src/db/sql-capture.ts). */
interface Captured {
  scope: string;
  name: string | null;
  text: string;
  values: (string | null)[];
}

/** The statements of one call path, in the order sent, and what the floor script is made of. */
export interface CapturedPath {
  statements: Captured[];
  /** Named (prepared) statements among them. */
  prepared: number;
  /** Paths captured, and how many of them sent exactly these statements (the others: their statement counts). */
  captured: number;
  agreeing: number;
  others: number[];
}

/** The header that marks a request for capture (CAPTURE_HEADER in apps/api/src/db/sql-capture.ts). */
const CAPTURE_HEADER = 'x-sql-capture';
/** Paths captured; the floor is the statements most of them sent. */
const PATHS = 5;

/**
 * What the floor holds: what the agent's two requests wait for, no more. The API captures only the statements sent
 * on behalf of requests carrying the capture header, from arrival to response: their transactions (outbox rows and
 * jobs written in them included) and the after-commit listeners the event bus awaits before answering (the order's
 * acceptance message and its job). Not what a request sets off without waiting (the planner's run after a fault
 * order, the message worker woken to send), pg-boss's own statements, nor any timer or poller: under load these are
 * shared by many paths, and whether one lands in a given window is timing.
 */
export const FLOOR_SCOPE_NOTE =
  "captured per request (x-sql-capture): its transactions and the after-commit work it awaits (the acceptance message and its job); not what it sets off without waiting (the planner's run, the message worker's sends), pg-boss's own statements, timers or pollers";

const lines = (file: string) =>
  existsSync(file) ? readFileSync(file, 'utf8').split('\n').filter(Boolean) : ([] as string[]);

/** Arms or disarms the API's statement capture (SIGUSR2) and waits until it says it took effect. */
async function toggle(sys: SharedSystem, armed: boolean): Promise<void> {
  const file = sys.captureFile!;
  const before = lines(file).filter((l) => l.startsWith('{"armed"')).length;
  process.kill(sys.apiPid!, 'SIGUSR2');
  const until = Date.now() + 10_000;
  for (;;) {
    const marks = lines(file).filter((l) => l.startsWith('{"armed"'));
    if (marks.length > before) {
      if (marks.at(-1) !== JSON.stringify({ armed }))
        throw new Error('statement capture toggled out of step');
      return;
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
  /** The acceptance message's id, which is its send job's id too. */
  messageId: string;
}

/** One call path (POST /api/calls, then POST /api/tickets), both requests marked for capture as `scope`. */
async function onePath(
  agent: ApiClient,
  caller: { id: string; phone: string },
  scope: string,
): Promise<Omit<PathValues, 'messageId'>> {
  const key = randomUUID();
  const marked = { [CAPTURE_HEADER]: scope };
  const call = await agent.post<{ id: string }>('/calls', { phone: caller.phone, channel: 'phone' }, marked);
  const order = await agent.post<{ id: string }>(
    '/tickets',
    {
      callId: call.body.id,
      type: 'fault_repair',
      customerId: caller.id,
      description: '家中停电（基准测试）',
    },
    { ...marked, 'idempotency-key': key },
  );
  if (call.status !== 201 || order.status !== 201)
    throw new Error(`captured path failed: ${call.status} / ${order.status}`);
  return { customerId: caller.id, phone: caller.phone, callId: call.body.id, ticketId: order.body.id, key };
}

const signature = (s: Captured) => s.name ?? s.text;

/**
 * The statements one call path sends: PATHS paths (one caller each) captured in one armed window, and the
 * sequence most of them sent exactly (a per-node cache refreshed by one path, such as the outages in force every
 * 2 s, is shared by all the paths of its period under load, so it is no path's own). Fewer than a majority
 * agreeing is an error: the floor would depend on the run. Values that differ per path become pgbench variables.
 */
export async function captureCallPath(
  sys: SharedSystem,
  agent: ApiClient,
  callers: { id: string; phone: string }[],
): Promise<{ path: CapturedPath; template: Captured[] }> {
  if (callers.length < PATHS) throw new Error(`the SQL floor needs ${PATHS} callers`);
  const from = lines(sys.captureFile!).length;
  const sent: Omit<PathValues, 'messageId'>[] = [];
  await toggle(sys, true);
  try {
    for (let i = 0; i < PATHS; i++) sent.push(await onePath(agent, callers[i]!, `path-${i}`));
  } finally {
    await toggle(sys, false);
  }
  // The job's id is the message's, which the database chose: a fixed one in the script would insert one job ever.
  const { rows } = await sys.sql!.query<{ ticket_id: string; id: string }>(
    `select ticket_id, id from messages where ticket_id = any($1::uuid[]) and template = 'order_accepted'`,
    [sent.map((v) => v.ticketId)],
  );
  const messageOf = new Map(rows.map((r) => [r.ticket_id, r.id]));
  const values: PathValues[] = sent.map((v) => ({
    ...v,
    messageId: messageOf.get(v.ticketId) ?? randomUUID(),
  }));
  const captured = lines(sys.captureFile!)
    .slice(from)
    .filter((l) => !l.startsWith('{"armed"'))
    .map((l) => JSON.parse(l) as Captured);
  const paths = values.map((_, i) => captured.filter((s) => s.scope === `path-${i}`));
  const keys = paths.map((p) => JSON.stringify(p.map(signature)));
  const tally = new Map<string, number>();
  for (const k of keys) tally.set(k, (tally.get(k) ?? 0) + 1);
  const [mode, agreeing] = [...tally].sort((a, b) => b[1] - a[1])[0]!;
  const others = paths.filter((_, i) => keys[i] !== mode).map((p) => p.length);
  if (agreeing <= PATHS / 2)
    throw new Error(
      `unstable SQL floor: no statement sequence shared by most of ${PATHS} paths (statements per path: ${paths.map((p) => p.length).join(', ')})`,
    );
  const i = keys.indexOf(mode);
  const statements = paths[i]!;
  const template = statements.map((s) => ({ ...s, values: s.values.map((v) => templated(v, values[i]!)) }));
  return {
    template,
    path: {
      statements,
      prepared: statements.filter((s) => s.name).length,
      captured: PATHS,
      agreeing,
      others,
    },
  };
}

/** pgbench variables for the values of one path (set per transaction by the script's first statement). */
const VARIABLES: Record<keyof PathValues, string> = {
  customerId: 'gd_customer_id',
  phone: 'gd_phone',
  callId: 'gd_call_id',
  ticketId: 'gd_ticket_id',
  key: 'gd_key',
  messageId: 'gd_message_id',
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
    `select id as gd_customer_id, phone as gd_phone, gen_random_uuid() as gd_call_id, gen_random_uuid() as gd_ticket_id, gen_random_uuid() as gd_key, gen_random_uuid() as gd_message_id from ${callersTable} where k = :k`,
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
