import type { BenchContext } from '../lib/context.js';
import { type CpuAccount, startCpuAccount } from '../lib/cpu.js';
import { failureNote, type LoadResult, runPaced } from '../lib/load.js';
import { log } from '../lib/progress.js';
import { customerPopulation, ensureCustomers } from '../lib/seed.js';
import { type BenchCase, type Figure, ratioOf, skipped, unavailable } from '../lib/types.js';
import { callPathRequests } from './call-path.js';

/** The outage's customers: 5,000 (the figure); the CI smoke run fans out 500, enough to run every step. */
const blockSize = (ctx: BenchContext) => (ctx.smoke ? 500 : 5_000);
/** Where the block is: beside a rural demo customer (inside the territory, away from the town centres). */
let CENTER = { lat: 0, lng: 0 };

/** The block's customers on a ~1 km square around CENTER (once per run). */
async function seedBlock(ctx: BenchContext) {
  const sys = await ctx.system();
  const { rows } = await sys.sql!.query<{ lat: number; lng: number }>(
    `select lat, lng from customers where zone_class = 'rural' order by account_no limit 1`,
  );
  CENTER = { lat: rows[0]!.lat, lng: rows[0]!.lng };
  if (ctx.seeded.has('outage-block')) return;
  await sys.sql!.query(
    `insert into customers (account_no, name, phone, address, lat, lng, zone_id, zone_class, district)
     select 'BENCHOUT' || lpad(i::text, 6, '0'), '停电客户' || i, '+86135' || lpad(i::text, 8, '0'), '基准小区 ' || i || ' 号',
            $1::float8 + ((i % 100) - 50) * 0.0001, $2::float8 + ((i / 100) - 25) * 0.0001, 'bench', 'rural', '基准区'
     from generate_series(0, $3::int - 1) as i
     on conflict (account_no) do nothing`,
    [CENTER.lat, CENTER.lng, blockSize(ctx)],
  );
  ctx.seeded.set('outage-block', blockSize(ctx));
}

function square(km: number) {
  const dLat = km / 2 / 111.195;
  const dLng = dLat / Math.cos((CENTER.lat * Math.PI) / 180);
  const ring = [
    [CENTER.lng - dLng, CENTER.lat - dLat],
    [CENTER.lng + dLng, CENTER.lat - dLat],
    [CENTER.lng + dLng, CENTER.lat + dLat],
    [CENTER.lng - dLng, CENTER.lat + dLat],
    [CENTER.lng - dLng, CENTER.lat - dLat],
  ];
  return { type: 'Polygon', coordinates: [ring] };
}

const RATE = 50;
/** A ratio of latencies (during ÷ idle) within this band is noise: two idle loads back to back differ by as much. */
const NOISE_FLOOR = 1.2;

interface Phase {
  load: LoadResult;
  cpu: CpuAccount | null;
}

/** "API 31 %, Postgres 24 % of a core": the CPU a phase cost, per second of wall time. */
function cpuText(c: CpuAccount | null): string {
  if (!c) return '';
  const share = (ms: number) => `${((100 * ms) / c.wallMs).toFixed(0)} %`;
  return `CPU: API ${share(c.apiMs)}, Postgres ${share(c.postgresMs)} of a core (every postgres process of the server)`;
}

/**
 * Issue 21: a fault outage over 5,000 customers is one job on the request path and fans out in the worker: the
 * publish request's latency, how long the fan-out takes, and the call path's latency at 50 calls/s while the worker
 * writes the messages and then while it sends them, against the same load just before (measured twice, so that
 * the ratio between the two idle loads shows the noise).
 */
export const outageFanout: BenchCase = {
  name: 'outage-fanout',
  title: 'Outage messages: a 5,000-customer outage fanned out beside the call path',
  target:
    'issue 21: publishing an outage over 5,000 customers writes one job (its latency as an empty outage’s); the call path at 50 calls/s keeps its median and p99 (within noise of idle) while the worker writes and sends the 5,000 messages',
  async run(ctx) {
    const label = 'call path at 50 calls/s while the messages are written';
    const sys = await ctx.system();
    if (!sys.sql) return [skipped(label, 'needs the Postgres system under test', 'ms')];
    if (!(await ctx.hasRoute('GET', '/messages'))) return [unavailable(label, 'GET /api/messages', 'ms')];
    // The block inside a province's customers (1 million; quick 100,000), as in service: the fan-out reads its box
    // out of the whole table, whichever cases ran before.
    await ensureCustomers(ctx, sys.sql, customerPopulation(ctx));
    await seedBlock(ctx);
    const customers = blockSize(ctx);
    const agent = await ctx.login('agent1');
    const dispatcher = await ctx.login('dispatcher1');
    const durationS = ctx.smoke ? 1 : ctx.quick ? 4 : 10;
    const requests = await callPathRequests(ctx, 2000);
    const phase = async (title: string): Promise<Phase> => {
      const cpu = startCpuAccount({ apiPid: sys.apiPid });
      const load = await runPaced({
        title,
        url: sys.url,
        token: agent.accessToken,
        connections: 8,
        durationS,
        ratePerS: RATE,
        requests,
      });
      return { load, cpu: cpu.stop() };
    };
    const idleFirst = await phase('call path at 50/s, idle');
    const idle = await phase('call path at 50/s, idle again');
    const ratios = (a: Phase, b: Phase) => ({
      median: ratioOf(a.load.latencyMs.median, b.load.latencyMs.median),
      p99: ratioOf(a.load.latencyMs.p99, b.load.latencyMs.p99),
    });
    const spread = (r: number | null) => (r == null ? 1 : Math.max(r, 1 / r));
    const idleRatios = ratios(idle, idleFirst);
    const noise = Math.max(NOISE_FLOOR, spread(idleRatios.median), spread(idleRatios.p99));

    const master = await agent.post<{ id: string }>('/tickets', {
      type: 'fault_repair',
      description: '基准测试：大面积停电',
      location: CENTER,
    });
    if (master.status !== 201)
      throw new Error(`master order: ${master.status} ${JSON.stringify(master.body)}`);
    const started = performance.now();
    const outage = await dispatcher.post<{ id: string }>('/outages', {
      kind: 'fault',
      area: square(1.2),
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      description: '基准测试线路故障',
      ticketId: master.body.id,
    });
    const publishMs = performance.now() - started;
    if (outage.status !== 201) throw new Error(`outage: ${outage.status} ${JSON.stringify(outage.body)}`);

    const fanOutStart = performance.now();
    let fannedMs: number | null = null;
    let sentMs: number | null = null;
    const written = (async () => {
      const deadline = Date.now() + 180_000;
      while (Date.now() < deadline && sentMs === null) {
        const { rows } = await sys.sql!.query<{ n: number; sent: number }>(
          `select count(*)::int as n, count(*) filter (where status = 'sent')::int as sent from messages where outage_id = $1`,
          [outage.body.id],
        );
        if (fannedMs === null && rows[0]!.n >= customers) fannedMs = performance.now() - fanOutStart;
        if (rows[0]!.sent >= customers) sentMs = performance.now() - fanOutStart;
        await new Promise((r) => setTimeout(r, 200));
      }
    })();
    const writing = await phase('call path at 50/s, while the messages are written');
    // Then the same load while they are sent (sending goes on long after the writing at MESSAGES_SEND_PER_SECOND).
    while (fannedMs === null && performance.now() - fanOutStart < 180_000)
      await new Promise((r) => setTimeout(r, 100));
    const sendingFrom = performance.now() - fanOutStart;
    const sending = await phase('call path at 50/s, while they are sent');
    const sendingTo = performance.now() - fanOutStart;
    await written;

    const fig = (name: string, p: Phase, baseline: Phase | null, extra = ''): Figure => {
      const r = baseline ? ratios(p, baseline) : null;
      // Slower than idle by no more than idle differs from itself (faster is no harm).
      const within = r ? (r.median ?? 1) <= noise && (r.p99 ?? 1) <= noise : null;
      const verdict = r
        ? `median ${r.median?.toFixed(2)}×, p99 ${r.p99?.toFixed(2)}× idle: ${within ? 'within noise' : 'slower than noise'} (noise ${noise.toFixed(2)}×)`
        : `median ${p.load.latencyMs.median.toFixed(1)} ms; the first idle load's median ${idleFirst.load.latencyMs.median.toFixed(1)} ms, p99 ${idleFirst.load.latencyMs.p99.toFixed(1)} ms (idle against idle: median ${idleRatios.median?.toFixed(2)}×, p99 ${idleRatios.p99?.toFixed(2)}×)`;
      const note = [verdict, extra, cpuText(p.cpu), failureNote(p.load)].filter(Boolean).join('; ');
      log(`  ${name}: ${note}`);
      return {
        name,
        unit: 'ms',
        status: p.load.ok === 0 ? 'error' : 'ok',
        value: p.load.latencyMs.p99,
        stats: p.load.latencyMs,
        baseline: baseline
          ? { name: 'the same load just before', value: baseline.load.latencyMs.p99, unit: 'ms' }
          : null,
        ratio: r?.p99 ?? null,
        note,
      };
    };
    const sendingNote =
      sentMs !== null && sentMs < sendingTo
        ? `sending ended ${(sentMs / 1000).toFixed(1)} s in, before this load did (it ran ${(sendingFrom / 1000).toFixed(1)}–${(sendingTo / 1000).toFixed(1)} s)`
        : `from ${(sendingFrom / 1000).toFixed(1)} to ${(sendingTo / 1000).toFixed(1)} s after the publish`;
    return [
      {
        name: `POST /api/outages over ${customers.toLocaleString('en')} customers`,
        unit: 'ms',
        status: 'ok',
        value: Math.round(publishMs),
      },
      {
        name: `fan-out: ${customers.toLocaleString('en')} messages written by the worker`,
        unit: 's',
        status: fannedMs === null ? 'error' : 'ok',
        value: fannedMs === null ? null : fannedMs / 1000,
        note:
          sentMs === null
            ? 'not all sent within 3 minutes'
            : `all sent (log channel) after ${(sentMs / 1000).toFixed(1)} s (${(customers / (sentMs / 1000)).toFixed(0)} a second)`,
      },
      fig('call path p99 at 50 calls/s, idle', idle, null),
      fig(label, writing, idle, `from the publish to ${durationS} s after`),
      fig('call path at 50 calls/s while they are sent', sending, idle, sendingNote),
    ];
  },
};
