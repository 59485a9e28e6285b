import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ApiClient } from '../../support/api.js';
import type { BenchContext, SharedSystem } from '../lib/context.js';
import { type CpuAccount, cpuTotal, describeCpuPer, startCpuAccount } from '../lib/cpu.js';
import { failureNote, type LoadRequest, type LoadResult, runLoad, runPaced } from '../lib/load.js';
import { type PgbenchResult, pgbench, pgbenchScript } from '../lib/pgbench.js';
import { log } from '../lib/progress.js';
import { customerPopulation, ensureCustomers, ensureHistoricalOrders, orderHistory } from '../lib/seed.js';
import {
  type CapturedPath,
  callersTable,
  captureCallPath,
  FLOOR_SCOPE_NOTE,
  floorScript,
  genericPlanScans,
  writeScript,
} from '../lib/sql-floor.js';
import { summarize } from '../lib/stats.js';
import { type BenchCase, type Figure, ratioOf, skipped, unavailable } from '../lib/types.js';

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'results');

const TYPES = ['fault_repair', 'fault_repair', 'complaint', 'inquiry'] as const;

/**
 * The agent's call path as autocannon request pairs on one connection: open the call with its screen pop
 * (`POST /api/calls`), then create the order (`POST /api/tickets` with an Idempotency-Key). Callers are drawn from
 * `sample` customers: a storm's callers are many different people, each with their own history (a few thousand
 * callers making every call would each pile up dozens of open orders, which no screen pop sees in practice).
 */
export async function callPathRequests(ctx: BenchContext, sample = 50_000): Promise<LoadRequest[]> {
  const rows = await callers(ctx, sample);
  let k = 0;
  return [
    {
      method: 'POST',
      path: '/api/calls',
      setupRequest: (req, context) => {
        const c = rows[k++ % rows.length]!;
        context.customerId = c.id;
        context.n = k;
        return { ...req, body: JSON.stringify({ phone: c.phone, channel: 'phone' }) };
      },
      onResponse: (status, body, context) => {
        context.callId = null;
        if (status === 201) {
          try {
            const call = JSON.parse(body) as { id: string; customerId: string | null };
            context.callId = call.id;
            if (call.customerId) context.customerId = call.customerId;
          } catch {
            // counted as a failure by autocannon's status code only
          }
        }
      },
    },
    {
      method: 'POST',
      path: '/api/tickets',
      setupRequest: (req, context) => {
        const n = context.n as number;
        const type = TYPES[n % TYPES.length]!;
        return {
          ...req,
          headers: { ...(req.headers ?? {}), 'idempotency-key': randomUUID() },
          body: JSON.stringify({
            ...(context.callId ? { callId: context.callId } : {}),
            type,
            customerId: context.customerId,
            description:
              type === 'fault_repair' ? '家中停电，邻居也没电（基准测试）' : '客户来电咨询（基准测试）',
          }),
        };
      },
    },
  ];
}

/** The callers of the call path: `sample` customers in a fixed pseudo-random order. */
async function callers(ctx: BenchContext, sample = 50_000) {
  const sys = await ctx.system();
  const { rows } = await sys.sql!.query<{ id: string; phone: string }>(
    `select id, phone from customers order by (hashtext(id::text)) limit $1`,
    [sample],
  );
  if (!rows.length) throw new Error('no customers to call about');
  return rows;
}

/** Issue 4: the call path on the real Postgres with 16 clients, beside pgbench's TPC-B on the same server. */
export const callPath: BenchCase = {
  name: 'call-path',
  title: 'Call path (screen pop + create order) beside pgbench',
  target:
    'issue 4: POST /api/calls + POST /api/tickets (Idempotency-Key) with 16 concurrent clients: at least half of pgbench TPC-B TPS (same database server, same run); p99 under 50 ms at 200 calls per second. Callers drawn from 50,000 of the customers the search benchmark seeds (1 million; quick mode 100,000), over the history the reports benchmark seeds',
  async run(ctx) {
    const label = 'call path (POST /api/calls + POST /api/tickets), 16 connections';
    if (!ctx.pgBase) return [skipped(label, `no Postgres: ${ctx.pgProblem}`, 'paths/s')];
    // BENCH_SECONDS lengthens a quick run (a profile of the call path needs more than 4 s under load).
    const durationS = Number(process.env.BENCH_SECONDS) || (ctx.smoke ? 1 : ctx.quick ? 4 : 20);
    const pgb = await pgbench(ctx, { scale: ctx.quick ? 1 : 10, clients: 16, threads: 2, durationS });
    const pgbCpu = pgbenchCpu(pgb);
    const pgFigure: Figure = {
      name: `pgbench TPC-B -s ${pgb.scale} -c 16 -j 2 -T ${pgb.durationS}`,
      unit: 'tps',
      status: 'ok',
      value: pgb.tps,
      stats: pgb.samples.length ? summarize(pgb.samples) : undefined,
      note: [`latency average ${pgb.latencyAvgMs ?? '?'} ms; the baseline of the call path`, pgbCpu?.note]
        .filter(Boolean)
        .join('; '),
    };
    const sys = await ctx.system();
    // A call centre's database as it is in service: its customers and a history of finished orders (seeded once for
    // the search and report benchmarks too). On empty tables the planner would plan for empty tables.
    await ensureCustomers(ctx, sys.sql!, customerPopulation(ctx));
    await ensureHistoricalOrders(ctx, sys.sql!, orderHistory(ctx));
    const missing = [];
    if (!(await ctx.hasRoute('POST', '/calls'))) missing.push('POST /api/calls');
    if (!(await ctx.hasRoute('POST', '/tickets'))) missing.push('POST /api/tickets');
    if (missing.length) {
      return [
        pgFigure,
        unavailable(label, missing.join(' and '), 'paths/s'),
        unavailable('call path p99 at 200 calls/s', missing.join(' and '), 'ms'),
      ];
    }
    const agent = await ctx.login('agent1');
    const requests = await callPathRequests(ctx);
    // A server measured warm: a few seconds of the same load first (compiled code, prepared statements, pools).
    await runLoad({
      title: 'call path warm-up',
      url: sys.url,
      token: agent.accessToken,
      connections: 16,
      durationS: 3,
      requests: await callPathRequests(ctx, 5_000),
    });
    let fullCpu: CpuAccount | null = null;
    const cpu = startCpuAccount({ apiPid: sys.apiPid });
    const full = await runLoad({
      title: 'call path ×16',
      url: sys.url,
      token: agent.accessToken,
      connections: 16,
      durationS,
      requests,
    }).finally(() => {
      fullCpu = cpu.stop();
    });
    // The same work done by the database alone: the statements the API sent for a path, through pgbench.
    const floor = await sqlFloor(ctx, sys, agent, durationS);
    const paced = await runPaced({
      title: 'call path at 200/s',
      url: sys.url,
      token: agent.accessToken,
      connections: 16,
      durationS,
      ratePerS: 200,
      requests: await callPathRequests(ctx),
    });
    return [
      pgFigure,
      floorFigure(floor),
      throughputFigure(label, full, pgb.tps),
      floorRatioFigure(full, fullCpu, floor.result),
      latencyFigure('call path per request at full load, 16 connections', full, pgb.latencyAvgMs),
      ...(fullCpu ? [cpuFigure(fullCpu, full, pgbCpu?.perTxMs ?? null, pgb.tps)] : []),
      pacedFigure(paced, pgb.latencyAvgMs),
    ];
  },
};

interface Floor {
  result: PgbenchResult;
  path: CapturedPath;
  script: string;
  loadavg: number;
  plans: string;
}

/**
 * The call path's SQL floor: one path run with the API capturing the statements it sends (apps/api/src/db/
 * sql-capture.ts), turned into a pgbench script (lib/sql-floor.ts) and run with 16 clients on the API's database.
 */
async function sqlFloor(
  ctx: BenchContext,
  sys: SharedSystem,
  agent: ApiClient,
  durationS: number,
): Promise<Floor> {
  const people = await callers(ctx);
  const { path, template } = await captureCallPath(sys, agent, people.slice(-5));
  const { table, n } = await callersTable(sys.sql!, people);
  const script = floorScript(template, table, n);
  const scans = await genericPlanScans(sys.sql!, path);
  const scanning = [...scans].filter(([, tables]) => tables.length);
  const plans = scanning.length
    ? `generic plans that scan a table: ${scanning.map(([name, t]) => `${name} (${t.join(', ')})`).join('; ')}`
    : `generic plans of the ${scans.size} prepared statements: no sequential scan (EXPLAIN with plan_cache_mode = force_generic_plan)`;
  log(`  ${plans}`);
  // Kept beside latest.json (gitignored) to read what the floor ran.
  const scriptFile = writeScript(join(RESULTS_DIR, 'call-path-floor.sql'), script);
  log(
    `  SQL floor: ${path.statements.length} statements per path (${path.prepared} prepared), ${scriptFile}`,
  );
  log(`  ${agreement(path)}; ${FLOOR_SCOPE_NOTE}`);
  const loadavg = os.loadavg()[0] ?? 0;
  const result = await pgbenchScript({
    url: sys.databaseUrl!,
    scriptFile,
    // The smoke run only proves the script runs: one client, so that two clients' paths never meet on one caller
    // (16 clients on the smoke run's few callers once aborted on a conflict between them).
    clients: ctx.smoke ? 1 : 16,
    threads: ctx.smoke ? 1 : 2,
    durationS,
    define: { gd_prepared: '0' },
    apiPid: sys.apiPid,
  });
  return { result, path, script, loadavg, plans };
}

/** How many of the captured paths sent the floor's statements, and what the others sent. */
function agreement(p: CapturedPath): string {
  return `${p.agreeing} of ${p.captured} captured paths sent exactly these statements${p.others.length ? ` (the others ${p.others.join(', ')})` : ''}`;
}

function floorFigure(f: Floor): Figure {
  const { result: r } = f;
  const n = r.transactions ?? 0;
  const cpu = r.cpu;
  return {
    name: "SQL floor: the call path's own statements through pgbench -f, 16 clients",
    unit: 'paths/s',
    status: 'ok',
    value: r.tps,
    stats: r.samples.length ? summarize(r.samples) : undefined,
    note: [
      `${f.path.statements.length} statements per path as the API sent them (${f.path.prepared} prepared: PREPARE once per connection, then EXECUTE; the others inline), plus one lookup per path for a caller and fresh ids (\\gset), generated by lib/sql-floor.ts`,
      `${agreement(f.path)}; ${FLOOR_SCOPE_NOTE}`,
      `latency average ${r.latencyAvgMs ?? '?'} ms`,
      f.plans,
      cpu && n
        ? `CPU per path: Postgres ${(cpu.postgresMs / n).toFixed(2)} ms, pgbench ${(cpu.pgbenchMs / n).toFixed(2)} ms, API (idle) ${(cpu.apiMs / n).toFixed(2)} ms; ${((cpu.postgresMs + cpu.pgbenchMs) / cpu.wallMs).toFixed(2)} of ${cpu.cores} cores busy`
        : null,
      `1-minute load average ${f.loadavg.toFixed(2)} at its start`,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/** Issue 22: the API's paths/s over the floor's, and the API's CPU per path beside Postgres's. */
function floorRatioFigure(r: LoadResult, cpu: CpuAccount | null, floor: PgbenchResult): Figure {
  const value = paths(r);
  const ratio = ratioOf(value, floor.tps);
  const n = r.ok / 2;
  const apiPerPath = cpu && n ? cpu.apiMs / n : null;
  const pgPerPath = cpu && n ? cpu.postgresMs / n : null;
  const floorPgPerPath = floor.cpu && floor.transactions ? floor.cpu.postgresMs / floor.transactions : null;
  const failed = failureNote(r);
  return {
    name: 'call path ÷ its SQL floor, 16 clients each',
    unit: 'paths/s',
    status: r.ok === 0 ? 'error' : 'ok',
    value,
    baseline: { name: 'SQL floor (pgbench -f)', value: floor.tps, unit: 'paths/s' },
    ratio,
    target: {
      text: '≥ 0.6 × the floor, API CPU per path ≤ Postgres CPU per path',
      met:
        ratio !== null &&
        ratio >= 0.6 &&
        apiPerPath !== null &&
        pgPerPath !== null &&
        apiPerPath <= pgPerPath &&
        !failed,
    },
    note: [
      apiPerPath !== null && pgPerPath !== null
        ? `CPU per path under the API: API ${apiPerPath.toFixed(2)} ms, Postgres ${pgPerPath.toFixed(2)} ms, load generator ${(cpu!.loadMs / n).toFixed(2)} ms (autocannon in the bench process; pgbench's client cost ${floor.cpu && floor.transactions ? (floor.cpu.pgbenchMs / floor.transactions).toFixed(2) : '?'} ms per path)`
        : null,
      floorPgPerPath !== null ? `Postgres under the floor ${floorPgPerPath.toFixed(2)} ms per path` : null,
      failed,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

/** CPU per TPC-B transaction, the server's and pgbench's own (its client does little but wait), with its note. */
function pgbenchCpu(pgb: PgbenchResult): { perTxMs: number; note: string } | null {
  const { cpu, transactions: n } = pgb;
  if (!cpu || !n) return null;
  const ms = cpu.postgresMs + cpu.pgbenchMs;
  return {
    perTxMs: ms / n,
    note: `CPU per transaction: Postgres ${(cpu.postgresMs / n).toFixed(2)} ms, pgbench ${(cpu.pgbenchMs / n).toFixed(2)} ms; ${(ms / cpu.wallMs).toFixed(2)} of ${cpu.cores} cores busy`,
  };
}

const paths = (r: LoadResult) => r.ok / 2 / r.durationS;

function throughputFigure(name: string, r: LoadResult, pgTps: number): Figure {
  const value = paths(r);
  const failed = failureNote(r);
  return {
    name,
    unit: 'paths/s',
    status: r.ok === 0 ? 'error' : 'ok',
    value,
    stats: {
      n: r.total,
      min: Number.NaN,
      median: r.requestsPerSecMedian / 2,
      p95: Number.NaN,
      p99: Number.NaN,
      max: Number.NaN,
      mean: value,
    },
    baseline: { name: 'pgbench TPC-B', value: pgTps, unit: 'tps' },
    ratio: ratioOf(value, pgTps),
    target: { text: '≥ 0.5 × pgbench TPS', met: value >= 0.5 * pgTps && !failed },
    note: [
      `median = per-second samples ÷ 2; per request p50 ${r.latencyMs.median.toFixed(1)} ms, p99 ${r.latencyMs.p99.toFixed(1)} ms`,
      failed,
    ]
      .filter(Boolean)
      .join('; '),
  };
}

function latencyFigure(name: string, r: LoadResult, pgLatency: number | null): Figure {
  return {
    name,
    unit: 'ms',
    status: r.ok === 0 ? 'error' : 'ok',
    value: r.latencyMs.p99,
    stats: r.latencyMs,
    baseline: pgLatency ? { name: 'pgbench latency average', value: pgLatency, unit: 'ms' } : null,
    ratio: ratioOf(r.latencyMs.p99, pgLatency),
    note: 'value = p99 per request (closed loop: latency grows with queueing)',
  };
}

/**
 * What one path costs in CPU, everything on the machine together, beside a TPC-B transaction: where the API, Postgres
 * and the load generator share the cores, the throughput ratio cannot beat the inverse of this ratio.
 */
function cpuFigure(a: CpuAccount, r: LoadResult, pgbCpuPerTx: number | null, pgTps: number): Figure {
  const paths = r.ok / 2;
  const value = cpuTotal(a) / paths;
  // What the database's share alone allows: with an API and a load generator that cost nothing, the cores could run
  // no more paths than Postgres's CPU per path fits, which bounds the ratio to pgbench whatever the API does.
  const postgresPerPath = a.postgresMs / paths;
  const postgresBound = (a.cores * 1000) / postgresPerPath;
  const bound =
    paths > 0 && pgTps > 0
      ? `Postgres alone: ${postgresPerPath.toFixed(2)} ms per path, so even with a free API and load generator ${a.cores} cores fit at most ${postgresBound.toFixed(0)} paths/s = ${(postgresBound / pgTps).toFixed(2)} × pgbench's TPS`
      : null;
  return {
    name: 'CPU per call path at full load (API + Postgres + load generator)',
    unit: 'ms',
    status: paths > 0 ? 'ok' : 'error',
    value,
    baseline: pgbCpuPerTx
      ? { name: 'pgbench TPC-B CPU per transaction', value: pgbCpuPerTx, unit: 'ms' }
      : null,
    ratio: ratioOf(value, pgbCpuPerTx),
    note: [describeCpuPer(a, paths, 'path'), bound].filter(Boolean).join('; '),
  };
}

function pacedFigure(r: LoadResult, pgLatency: number | null): Figure {
  const achieved = paths(r);
  const failed = failureNote(r);
  return {
    name: 'call path p99 per request at 200 calls/s (Poisson arrivals over a pool of 16 connections)',
    unit: 'ms',
    status: r.ok === 0 ? 'error' : 'ok',
    value: r.latencyMs.p99,
    stats: r.latencyMs,
    baseline: pgLatency ? { name: 'pgbench latency average', value: pgLatency, unit: 'ms' } : null,
    ratio: ratioOf(r.latencyMs.p99, pgLatency),
    target: { text: 'p99 < 50 ms at 200 calls/s', met: r.latencyMs.p99 < 50 && achieved >= 190 && !failed },
    note: [
      `achieved ${achieved.toFixed(0)} calls/s; open loop, Poisson arrivals (lib/load.ts runPaced), a path's first request timed from when it was due`,
      r.sequenceMs
        ? `per path (both requests, from when it was due to the order's answer): p50 ${r.sequenceMs.median.toFixed(1)} ms, p99 ${r.sequenceMs.p99.toFixed(1)} ms`
        : '',
      failed,
    ]
      .filter(Boolean)
      .join('; '),
  };
}
