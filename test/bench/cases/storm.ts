import { io, type Socket } from 'socket.io-client';
import type { BenchContext } from '../lib/context.js';
import { failureNote, runPaced } from '../lib/load.js';
import { endProgress, log, progress } from '../lib/progress.js';
import {
  customerPopulation,
  ensureCustomers,
  ensureHistoricalOrders,
  orderHistory,
  searchTerms,
} from '../lib/seed.js';
import { type Summary, summarize } from '../lib/stats.js';
import { type BenchCase, type Figure, ratioOf, skipped, unavailable } from '../lib/types.js';
import { callPathRequests } from './call-path.js';

type Kind = 'queue' | 'detail' | 'search';

/** One console user's requests, cycled: queue listing, ticket detail, customer search; paced, bounded by time. */
async function consoleLoop(
  ctx: BenchContext,
  seconds: number,
  label: string,
): Promise<Record<Kind, Summary>> {
  const sys = await ctx.system();
  const agent = await ctx.login('agent2');
  const ids = (
    await sys.sql!.query<{ id: string }>('select id from tickets order by created_at desc limit 200')
  ).rows.map((r) => r.id);
  const terms = await searchTerms(sys.sql!, 200);
  const paths: Record<Kind, (i: number) => string | null> = {
    queue: () => '/tickets?status=accepted&page=1&pageSize=50',
    detail: (i) => (ids.length ? `/tickets/${ids[i % ids.length]}` : null),
    search: (i) => (terms.length ? `/customers?q=${encodeURIComponent(terms[i % terms.length]!)}` : null),
  };
  const samples: Record<Kind, number[]> = { queue: [], detail: [], search: [] };
  const kinds = Object.keys(paths) as Kind[];
  const deadline = Date.now() + seconds * 1000;
  let i = 0;
  while (Date.now() < deadline) {
    const kind = kinds[i % kinds.length]!;
    const path = paths[kind](i);
    i++;
    if (!path) continue;
    const t0 = performance.now();
    const res = await agent.get(path);
    const ms = performance.now() - t0;
    if (res.status === 200) samples[kind].push(ms);
    progress(
      `${label}: ${samples.queue.length + samples.detail.length + samples.search.length} console requests`,
    );
    await new Promise((r) => setTimeout(r, 100));
  }
  endProgress();
  return {
    queue: summarize(samples.queue),
    detail: summarize(samples.detail),
    search: summarize(samples.search),
  };
}

/** Every crew reports once a second over its socket (or the HTTP route) while the surge runs. */
async function crewGps(
  ctx: BenchContext,
): Promise<{ stop(): { sent: number; failed: number }; via: string } | null> {
  const sys = await ctx.system();
  const logins: Awaited<ReturnType<BenchContext['login']>>[] = [];
  const names = Array.from({ length: 40 }, (_, i) => `crew${String(i + 1).padStart(2, '0')}`);
  for (let i = 0; i < names.length; i += 8)
    logins.push(...(await Promise.all(names.slice(i, i + 8).map((n) => ctx.login(n)))));
  const sockets: Socket[] = [];
  let sent = 0;
  let failed = 0;
  const first = io(sys.url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth: { token: logins[0]!.accessToken },
  });
  sockets.push(first);
  const ok = await new Promise<boolean>((resolve) => {
    const t = setTimeout(() => resolve(false), 3000);
    first.once('connect', () =>
      first.emit('crew.position', { lat: 28.2, lng: 112.98, recordedAt: new Date().toISOString() }, () => {
        clearTimeout(t);
        resolve(true);
      }),
    );
  });
  const useHttp = !ok && (await ctx.hasRoute('POST', `/crews/${logins[0]!.user.crewId}/positions`));
  if (!ok && !useHttp) {
    first.close();
    return null;
  }
  if (ok) {
    for (const l of logins.slice(1))
      sockets.push(
        io(sys.url, {
          path: '/socket.io',
          transports: ['websocket'],
          forceNew: true,
          reconnection: false,
          auth: { token: l.accessToken },
        }),
      );
  }
  const timer = setInterval(() => {
    logins.forEach((l, k) => {
      const p = {
        lat: 28.2 + k / 1000,
        lng: 112.98 + (Date.now() % 1000) / 1e6,
        recordedAt: new Date().toISOString(),
      };
      sent++;
      if (ok)
        sockets[k]?.emit('crew.position', p, (r: { ok?: boolean }) => void (r?.ok === false && failed++));
      else
        l.post(`/crews/${l.user.crewId}/positions`, [p]).then(
          (res) => void (res.status >= 300 && failed++),
          () => void failed++,
        );
    });
  }, 1000);
  return {
    via: ok ? 'socket' : 'HTTP',
    stop() {
      clearInterval(timer);
      for (const s of sockets) s.close();
      return { sent, failed };
    },
  };
}

/** Issue 7: a storm surge through the public API, measuring the console's latencies during it. */
export const storm: BenchCase = {
  name: 'storm',
  title: 'Storm surge: 10,000 calls in 10 minutes plus GPS from every crew',
  target:
    "issue 7: 10,000 calls in 10 minutes plus GPS from all crews through the public API, measuring the console's API latencies (queue listing, ticket detail, customer search) during the surge; quick mode a smaller surge",
  async run(ctx) {
    const calls = ctx.smoke ? 30 : ctx.quick ? 200 : 10_000;
    const seconds = ctx.smoke ? 3 : ctx.quick ? 10 : 600;
    const label = `${calls.toLocaleString('en-US')} calls in ${seconds} s`;
    if (!ctx.pgBase) return [skipped(label, `no Postgres: ${ctx.pgProblem}`, 'calls/s')];
    const sys = await ctx.system();
    const missing = [];
    for (const [m, p] of [
      ['POST', '/calls'],
      ['POST', '/tickets'],
      ['GET', '/tickets?status=accepted'],
      ['GET', '/customers?q=x'],
    ] as const)
      if (!(await ctx.hasRoute(m, p))) missing.push(`${m} /api${p.split('?')[0]}`);
    if (missing.length) return [unavailable(label, missing.join(', '), 'calls/s')];
    // The customers and the history the other cases load (already there in a run of every case; run alone, the
    // callers and the console's searches and order details need them).
    await ensureCustomers(ctx, sys.sql!, customerPopulation(ctx));
    await ensureHistoricalOrders(ctx, sys.sql!, orderHistory(ctx));

    const idle = await consoleLoop(ctx, ctx.smoke ? 1 : ctx.quick ? 3 : 20, 'console before the surge');
    const agent = await ctx.login('agent1');
    const gps = await crewGps(ctx);
    log(
      `  surge: ${label}${gps ? `, GPS from 40 crews once a second over ${gps.via}` : ', no GPS route yet'}`,
    );
    const [load, during] = await Promise.all([
      runPaced({
        title: 'storm calls',
        url: sys.url,
        token: agent.accessToken,
        connections: 8,
        durationS: seconds,
        ratePerS: calls / seconds,
        requests: await callPathRequests(ctx),
      }),
      consoleLoop(ctx, seconds, 'console during the surge'),
    ]);
    const gpsStats = gps?.stop();
    const achieved = load.ok / 2 / load.durationS;
    const failed = failureNote(load);
    const figures: Figure[] = [
      {
        name: `surge: calls answered (call + order) per second, ${label}`,
        unit: 'calls/s',
        status: 'ok',
        value: achieved,
        baseline: { name: 'offered rate', value: calls / seconds, unit: 'calls/s' },
        ratio: ratioOf(achieved, calls / seconds),
        target: {
          text: 'keeps up with the offered rate',
          met: achieved >= 0.95 * (calls / seconds) && !failed,
        },
        note: [
          `per request p50 ${load.latencyMs.median.toFixed(1)} ms, p99 ${load.latencyMs.p99.toFixed(1)} ms`,
          gps
            ? `GPS: ${gpsStats?.sent} positions over ${gps.via}, ${gpsStats?.failed} failed`
            : 'GPS: not available yet (crew.position / POST /api/crews/:id/positions missing)',
          failed,
        ]
          .filter(Boolean)
          .join('; '),
      },
    ];
    const names: Record<Kind, string> = {
      queue: 'console during the surge: queue listing (GET /api/tickets?status=accepted)',
      detail: 'console during the surge: ticket detail (GET /api/tickets/:id)',
      search: 'console during the surge: customer search (GET /api/customers?q=)',
    };
    for (const k of ['queue', 'detail', 'search'] as const) {
      const s = during[k];
      figures.push({
        name: names[k],
        unit: 'ms',
        status: s.n ? 'ok' : 'error',
        value: s.p99,
        stats: s,
        baseline: { name: 'same requests before the surge, p99', value: idle[k].p99, unit: 'ms' },
        ratio: ratioOf(s.p99, idle[k].p99),
        target: { text: 'reported (issue 7 sets no number)', met: null },
        note: `${s.n} requests, one console user, 100 ms apart`,
      });
    }
    return figures;
  },
};
