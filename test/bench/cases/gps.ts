import { type ChildProcess, spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Crew } from '@gd/domain';
import { io, type Socket } from 'socket.io-client';
import type { BenchContext } from '../lib/context.js';
import { type CpuAccount, startCpuAccount } from '../lib/cpu.js';
import { endProgress, log, progress } from '../lib/progress.js';
import { summarize } from '../lib/stats.js';
import { type BenchCase, type Figure, ratioOf, unavailable } from '../lib/types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const DISPATCHERS = 50;
const RATE = 2000;

interface Sender {
  crewId: string;
  send(p: { lat: number; lng: number; recordedAt: string }): void;
}

interface GpsRun {
  sent: number;
  acked: number;
  rejected: number;
  durationS: number;
  /** Positions received per second by each dispatcher socket. */
  perDispatcher: number[];
  latencyMs: number[];
  firstRejection: string | null;
  /** What the run cost the API (lib/cpu.ts): steadier than throughput on a shared machine. */
  cpu?: CpuAccount | null;
}

function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const s = io(url, {
      path: '/socket.io',
      transports: ['websocket'],
      forceNew: true,
      reconnection: false,
      auth,
      timeout: 10_000,
    });
    s.once('connect', () => resolve(s));
    s.once('connect_error', (err) => {
      s.close();
      reject(err);
    });
  });
}

/** The 50 dispatcher sockets, in their own process (lib/dispatch-receivers.ts). */
interface Receivers {
  start(startMs: number, crewIds: string[]): void;
  stop(): Promise<{ counts: number[]; latencyMs: Float64Array }>;
  close(): void;
}

type FromReceivers =
  | { type: 'ready' }
  | { type: 'error'; message: string }
  | { type: 'result'; counts: number[]; latencyMs: Float64Array };

async function receivers(url: string, auth: Record<string, unknown>): Promise<Receivers> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(HERE, '../lib/dispatch-receivers.ts')], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    serialization: 'advanced',
  });
  const next = () =>
    new Promise<FromReceivers>((resolve, reject) => {
      child.once('message', (m: FromReceivers) => resolve(m));
      child.once('exit', (code) => reject(new Error(`the dispatcher sockets' process exited (${code})`)));
    });
  const ready = next();
  child.send({ type: 'connect', url, auth, count: DISPATCHERS });
  const first = await ready.catch((err: Error) => ({ type: 'error' as const, message: err.message }));
  if (first.type !== 'ready') {
    child.kill();
    throw new Error(`dispatcher sockets: ${first.type === 'error' ? first.message : first.type}`);
  }
  return {
    start: (startMs, crewIds) => child.send({ type: 'start', startMs, crewIds }),
    async stop() {
      const result = next();
      child.send({ type: 'stop' });
      const m = await result;
      if (m.type !== 'result') throw new Error(`dispatcher sockets: unexpected ${m.type}`);
      return { counts: m.counts, latencyMs: m.latencyMs };
    },
    close: () => {
      child.removeAllListeners('exit');
      child.disconnect();
    },
  };
}

/** Offers `RATE` positions per second round-robin over the crews for `durationS`, counting what reaches each dispatcher. */
async function drive(
  title: string,
  senders: Sender[],
  dispatchers: Receivers,
  durationS: number,
  stats: { acked: number; rejected: number; firstRejection: string | null },
): Promise<GpsRun> {
  const startMs = Date.now();
  dispatchers.start(startMs, [...new Set(senders.map((s) => s.crewId))]);
  const last = new Map<string, number>();
  let sent = 0;
  let k = 0;
  await new Promise<void>((resolve) => {
    const timer = setInterval(() => {
      const elapsed = (Date.now() - startMs) / 1000;
      if (elapsed >= durationS) {
        clearInterval(timer);
        resolve();
        return;
      }
      const due = Math.floor(elapsed * RATE);
      while (sent < due) {
        const s = senders[k++ % senders.length]!;
        const ms = Math.max(Date.now(), (last.get(s.crewId) ?? 0) + 1);
        last.set(s.crewId, ms);
        const wobble = (k % 100) / 100_000;
        s.send({ lat: 28.2 + wobble, lng: 112.98 + wobble, recordedAt: new Date(ms).toISOString() });
        sent++;
      }
      progress(`${title}: ${elapsed.toFixed(0)}/${durationS} s, ${sent} sent, ${stats.acked} acknowledged`);
    }, 10);
  });
  // Let the last ones arrive (and the acks come back), up to 3 s.
  for (let w = 0; w < 30 && stats.acked + stats.rejected < sent; w++)
    await new Promise((r) => setTimeout(r, 100));
  await new Promise((r) => setTimeout(r, 300));
  endProgress();
  const { counts, latencyMs } = await dispatchers.stop();
  return {
    sent,
    acked: stats.acked,
    rejected: stats.rejected,
    durationS,
    perDispatcher: counts.map((c) => c / durationS),
    latencyMs: Array.from(latencyMs),
    firstRejection: stats.firstRejection,
  };
}

async function bareRun(durationS: number, crews: number): Promise<GpsRun> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(HERE, '../lib/bare-io-server.ts')],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const sockets: Socket[] = [];
  let dispatchers: Receivers | null = null;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const t = setTimeout(() => reject(new Error('the bare socket.io server did not start')), 15_000);
      child.stdout!.on('data', (b: Buffer) => {
        const m = b.toString().match(/port (\d+)/);
        if (m) {
          clearTimeout(t);
          resolve(Number(m[1]));
        }
      });
    });
    const url = `http://127.0.0.1:${port}`;
    dispatchers = await receivers(url, { role: 'dispatcher' });
    const stats = { acked: 0, rejected: 0, firstRejection: null };
    const senders: Sender[] = [];
    for (let i = 0; i < crews; i++) {
      const s = await connect(url, { role: 'crew' });
      sockets.push(s);
      const crewId = `bare-crew-${i}`;
      senders.push({
        crewId,
        send: (p) => s.emit('crew.position', { ...p, crewId }, () => stats.acked++),
      });
    }
    return await drive('bare socket.io', senders, dispatchers, durationS, stats);
  } finally {
    dispatchers?.close();
    for (const s of sockets) s.close();
    child.stdin?.end();
    child.kill();
  }
}

async function apiRun(ctx: BenchContext, durationS: number): Promise<GpsRun | string> {
  const sys = await ctx.system();
  const dispatcher = await ctx.login('dispatcher1');
  const crewList = await dispatcher.get<Crew[]>('/crews');
  const crewCount = crewList.status === 200 && Array.isArray(crewList.body) ? crewList.body.length : 40;
  const logins: Awaited<ReturnType<BenchContext['login']>>[] = [];
  const names = Array.from(
    { length: Math.min(crewCount, 40) },
    (_, i) => `crew${String(i + 1).padStart(2, '0')}`,
  );
  for (let i = 0; i < names.length; i += 8)
    logins.push(...(await Promise.all(names.slice(i, i + 8).map((n) => ctx.login(n)))));
  const sockets: Socket[] = [];
  let dispatchers: Receivers | null = null;
  try {
    const stats = { acked: 0, rejected: 0, firstRejection: null as string | null };
    const crewSockets = await Promise.all(logins.map((l) => connect(sys.url, { token: l.accessToken })));
    sockets.push(...crewSockets);
    // Does the API take positions over the socket? One position with an ack tells.
    const probe = await new Promise<unknown>((resolve) => {
      const t = setTimeout(() => resolve(null), 3000);
      crewSockets[0]!.emit(
        'crew.position',
        { lat: 28.2, lng: 112.98, recordedAt: new Date(Date.now() - 5000).toISOString() },
        (r: unknown) => {
          clearTimeout(t);
          resolve(r);
        },
      );
    });
    const onAck = (r: { ok: boolean; data?: { accepted: number; rejected: unknown[] }; error?: unknown }) => {
      if (r?.ok && r.data && r.data.rejected.length === 0) stats.acked++;
      else {
        stats.rejected++;
        stats.firstRejection ??= JSON.stringify(r).slice(0, 200);
      }
    };
    let senders: Sender[];
    let via: string;
    if (probe) {
      via = 'socket crew.position';
      senders = logins.map((l, i) => ({
        crewId: l.user.crewId!,
        send: (p) => crewSockets[i]!.emit('crew.position', p, onAck),
      }));
    } else if (await ctx.hasRoute('POST', `/crews/${logins[0]!.user.crewId}/positions`)) {
      via = 'POST /api/crews/:id/positions (batched per 100 ms)';
      const queues = logins.map(() => [] as { lat: number; lng: number; recordedAt: string }[]);
      const flush = setInterval(() => {
        logins.forEach((l, i) => {
          const batch = queues[i]!.splice(0);
          if (!batch.length) return;
          l.post(`/crews/${l.user.crewId}/positions`, batch).then(
            (res) =>
              onAck(
                res.status < 300
                  ? { ok: true, data: res.body }
                  : { ok: false, error: `${res.status} ${JSON.stringify(res.body)}` },
              ),
            (err: Error) => onAck({ ok: false, error: err.message }),
          );
        });
      }, 100);
      ctx.defer(() => clearInterval(flush));
      senders = logins.map((l, i) => ({ crewId: l.user.crewId!, send: (p) => queues[i]!.push(p) }));
    } else {
      return 'socket crew.position handler and POST /api/crews/:id/positions';
    }
    log(`  API: ${logins.length} crews send via ${via}`);
    dispatchers = await receivers(sys.url, { token: dispatcher.accessToken });
    const cpu = startCpuAccount({ apiPid: sys.apiPid });
    const run = await drive(`API (${via})`, senders, dispatchers, durationS, stats);
    return { ...run, cpu: cpu.stop() };
  } finally {
    dispatchers?.close();
    for (const s of sockets) s.close();
  }
}

/** Issue 5: GPS fan-out through the API beside a bare socket.io relay of the same messages. */
export const gps: BenchCase = {
  name: 'gps',
  title: 'GPS fan-out: 2,000 positions/s to 50 dispatcher sockets',
  target:
    "issues 5 and 22: 2,000 positions per second sustained with 50 dispatcher sockets connected; p99 send → delivery under 200 ms; ≥ 0.9 × a bare socket.io broadcast's throughput in the same run (the API batches the fixes of a tick into one crew.positions message; the bare relay sends one message per fix)",
  async run(ctx) {
    const durationS = Number(process.env.BENCH_SECONDS) || (ctx.smoke ? 1 : ctx.quick ? 4 : 20);
    const api = await apiRun(ctx, durationS);
    const bare = await bareRun(durationS, typeof api === 'string' ? 40 : 40);
    const bareTp = summarize(bare.perDispatcher);
    const bareLat = summarize(bare.latencyMs);
    const bareFigure: Figure = {
      name: 'bare socket.io relay: positions/s delivered per dispatcher socket',
      unit: 'pos/s',
      status: 'ok',
      value: bareTp.median,
      stats: bareTp,
      note: `offered ${RATE}/s (${bare.sent} sent, ${bare.acked} acknowledged) for ${durationS} s; send → delivery p50 ${bareLat.median} ms, p99 ${bareLat.p99} ms; the 50 receiving sockets (plain WebSockets speaking socket.io v4) run in a process of their own, the senders in another`,
    };
    if (typeof api === 'string') {
      return [
        bareFigure,
        unavailable('API: positions/s delivered per dispatcher socket', api, 'pos/s'),
        unavailable('API: send → delivery p99', api, 'ms'),
      ];
    }
    const tp = summarize(api.perDispatcher);
    const lat = summarize(api.latencyMs);
    const rejected = api.rejected
      ? `${api.rejected} of ${api.sent} rejected (first: ${api.firstRejection})`
      : '';
    return [
      bareFigure,
      {
        name: 'API: positions/s delivered per dispatcher socket',
        unit: 'pos/s',
        status: 'ok',
        value: tp.median,
        stats: tp,
        baseline: { name: 'bare socket.io relay', value: bareTp.median, unit: 'pos/s' },
        ratio: ratioOf(tp.median, bareTp.median),
        target: {
          text: '≥ 2,000/s and ≥ 0.9 × bare',
          met: tp.median >= 0.98 * RATE && tp.median >= 0.9 * bareTp.median,
        },
        note: [
          `offered ${RATE}/s (${api.sent} sent, ${api.acked} acknowledged) for ${durationS} s from 40 crews`,
          api.cpu && api.sent
            ? `API CPU ${(api.cpu.apiMs / api.sent).toFixed(3)} ms per fix sent (its event loop ${(api.cpu.apiMainMs / api.sent).toFixed(3)} ms, busy ${((100 * (api.cpu.apiMainMs + api.cpu.apiMainWaitMs)) / api.cpu.wallMs).toFixed(0)} % of the time)`
            : null,
          rejected,
        ]
          .filter(Boolean)
          .join('; '),
      },
      {
        name: 'API: send → delivery latency',
        unit: 'ms',
        status: 'ok',
        value: lat.p99,
        stats: lat,
        baseline: { name: 'bare socket.io p99', value: bareLat.p99, unit: 'ms' },
        ratio: ratioOf(lat.p99, bareLat.p99),
        target: { text: 'p99 < 200 ms', met: lat.n > 0 && lat.p99 < 200 },
        note: `${lat.n.toLocaleString('en-US')} deliveries measured (recordedAt → arrival)`,
      },
    ];
  },
};
