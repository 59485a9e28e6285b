import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { Pool } from 'undici';
import { endProgress, progress } from './progress.js';
import { percentile, type Summary, summarize } from './stats.js';

export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Rewrites the request per send (a fresh phone, an Idempotency-Key…); `context` is per connection (runLoad) or per arrival (runPaced). */
  setupRequest?: (req: LoadRequest, context: Record<string, unknown>) => LoadRequest;
  onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
}

export interface LoadResult {
  title: string;
  durationS: number;
  /** Responses per second (all of them), and the median of the per-second samples. */
  requestsPerSec: number;
  requestsPerSecMedian: number;
  total: number;
  ok: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  latencyMs: Summary;
  /** runPaced with more than one request per arrival: each whole sequence, from when it was due to its last answer. */
  sequenceMs?: Summary;
  statusCodes: Record<string, number>;
}

/** Load goes to this machine only. */
function assertLocal(url: string) {
  const host = new URL(url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost')
    throw new Error(`refusing to load ${host}: 127.0.0.1 only`);
}

function jsonHeaders(token?: string): Record<string, string> {
  return { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
}

/**
 * One autocannon run (a maintained HTTP load generator) against 127.0.0.1 only, bounded by duration and/or amount,
 * with a progress line on stderr.
 */
export async function runLoad(opts: {
  title: string;
  url: string;
  token?: string;
  connections: number;
  durationS: number;
  amount?: number;
  requests: LoadRequest[];
}): Promise<LoadResult> {
  assertLocal(opts.url);
  const started = Date.now();
  let finish: (err: Error | null, r: autocannon.Result) => void = () => {};
  const done = new Promise<autocannon.Result>((resolve, reject) => {
    finish = (err, r) => (err ? reject(err) : resolve(r));
  });
  const instance = autocannon(
    {
      url: opts.url,
      connections: opts.connections,
      duration: opts.durationS,
      ...(opts.amount ? { amount: opts.amount } : {}),
      timeout: 10,
      headers: jsonHeaders(opts.token),
      // biome-ignore lint/suspicious/noExplicitAny: autocannon's request typing does not model setupRequest's context
      requests: opts.requests as any,
    },
    (err, r) => finish(err, r),
  );
  // Each response's own time (autocannon's hrtime, fractional ms): its histogram keeps whole milliseconds, which
  // turns a sub-millisecond baseline into 0.
  const latencies: number[] = [];
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
    latencies.push(responseTimeMs);
  });
  const timer = setInterval(() => {
    const s = (Date.now() - started) / 1000;
    progress(
      `${opts.title}: ${s.toFixed(0)}/${opts.durationS} s, ${latencies.length} responses, ${(latencies.length / Math.max(s, 0.001)).toFixed(0)}/s`,
    );
  }, 500);
  const result = await done.finally(() => {
    clearInterval(timer);
    endProgress();
  });
  const durationS = (Date.now() - started) / 1000;
  const statusCodes: Record<string, number> = {};
  for (const [code, v] of Object.entries(result.statusCodeStats ?? {}))
    statusCodes[code] = (v as { count: number }).count;
  const total = result.requests.total;
  return {
    title: opts.title,
    durationS,
    requestsPerSec: total / Math.max(result.duration, 0.001),
    requestsPerSecMedian: result.requests.p50,
    total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    latencyMs: summarize(latencies),
    statusCodes,
  };
}

/**
 * Open-loop load at an arrival rate: ratePerS × durationS arrivals at independent uniformly random instants of the
 * window (a Poisson process given its count, so exactly that many are offered). Each arrival starts the `requests`
 * sequence then, whether or not the system keeps up, on a pool of `connections` keep-alive connections (undici,
 * Node's own HTTP client): a request takes whichever connection is free and waits in the pool's queue when none is.
 * Calls reach a call centre independently of each other, from many agents at once, so they bunch up at times, and
 * the queueing that causes is part of the figure. A sequence's first request is timed from when it was due (a late
 * start counts against the system, not hidden by it), the others from their send. The first second's arrivals warm
 * the connections and are not counted.
 *
 * Why a shared pool: with each arrival dealt to one connection for good, an arrival landing on a connection still
 * busy with its previous sequence waited for it while others sat idle (16 connections as 16 agents each taking
 * 12 calls a second), a client-side queue that no call centre has. Why not autocannon's overallRate: it gives each
 * connection a quota per second that the connection spends back to back from the start of each second. At 200 call
 * paths/s over 16 connections that is the closed loop's full saturation for the first ~60 % of every second and
 * nothing after, so its p99 is the saturated one.
 */
export async function runPaced(opts: {
  title: string;
  url: string;
  token?: string;
  connections: number;
  durationS: number;
  /** Sequences started per second, over all connections. */
  ratePerS: number;
  requests: LoadRequest[];
}): Promise<LoadResult> {
  assertLocal(opts.url);
  const headers = jsonHeaders(opts.token);
  const latencies: number[] = [];
  const sequences: number[] = [];
  const perSecond = new Array<number>(Math.ceil(opts.durationS)).fill(0);
  const statusCodes: Record<string, number> = {};
  let errors = 0;
  let timeouts = 0;
  const warmupMs = 1000;
  const t0 = performance.now() + 100 + warmupMs;
  const arrivals: number[] = [];
  const arrive = (from: number, seconds: number) => {
    for (let i = 0; i < Math.round(opts.ratePerS * seconds); i++)
      arrivals.push(from + Math.random() * seconds * 1000);
  };
  arrive(t0 - warmupMs, warmupMs / 1000);
  arrive(t0, opts.durationS);
  arrivals.sort((x, y) => x - y);

  const record = (res: Sent, startedAt: number) => {
    if (res.status === 0) {
      if (res.timedOut) timeouts++;
      else errors++;
      return;
    }
    latencies.push(res.doneAt - startedAt);
    statusCodes[res.status] = (statusCodes[res.status] ?? 0) + 1;
    const second = Math.floor((res.doneAt - t0) / 1000);
    if (second < perSecond.length) perSecond[second]!++;
  };

  const pool = new Pool(opts.url, {
    connections: opts.connections,
    headersTimeout: 10_000,
    bodyTimeout: 10_000,
  });
  /** One arrival's sequence; its context (e.g. the call a ticket links to) is its own. */
  const sequence = async (due: number) => {
    const context: Record<string, unknown> = {};
    const counted = due >= t0;
    let answered = true;
    let lastAt = due;
    for (const [i, template] of opts.requests.entries()) {
      const req = template.setupRequest ? template.setupRequest({ ...template }, context) : template;
      const sent = performance.now();
      const res = await send(pool, req, headers);
      template.onResponse?.(res.status, res.body, context);
      if (counted) record(res, i === 0 ? due : sent);
      answered &&= res.status !== 0;
      lastAt = res.doneAt;
    }
    if (counted && answered) sequences.push(lastAt - due);
  };
  const offerAll = async () => {
    const running: Promise<void>[] = [];
    for (const due of arrivals) {
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      running.push(sequence(due));
    }
    await Promise.all(running);
  };

  const timer = setInterval(() => {
    const s = Math.max(0, (performance.now() - t0) / 1000);
    progress(`${opts.title}: ${s.toFixed(0)}/${opts.durationS} s, ${latencies.length} responses`);
  }, 500);
  try {
    await offerAll();
  } finally {
    clearInterval(timer);
    await pool.close().catch(() => {});
    endProgress();
  }
  const durationS = (performance.now() - t0) / 1000;
  const ok = Object.entries(statusCodes)
    .filter(([c]) => c.startsWith('2'))
    .reduce((n, [, v]) => n + v, 0);
  return {
    title: opts.title,
    durationS,
    requestsPerSec: latencies.length / durationS,
    requestsPerSecMedian: percentile(Float64Array.from(perSecond).sort(), 50),
    total: latencies.length,
    ok,
    non2xx: latencies.length - ok,
    errors,
    timeouts,
    latencyMs: summarize(latencies),
    ...(opts.requests.length > 1 ? { sequenceMs: summarize(sequences) } : {}),
    statusCodes,
  };
}

interface Sent {
  /** 0 when no response came. */
  status: number;
  body: string;
  timedOut: boolean;
  doneAt: number;
}

/** One request on the pool; a failure is an answer too (status 0), so the sequence goes on. */
async function send(pool: Pool, req: LoadRequest, headers: Record<string, string>): Promise<Sent> {
  try {
    const res = await pool.request({
      method: req.method as 'GET',
      path: req.path,
      headers: { ...headers, ...req.headers },
      body: req.body,
    });
    const body = await res.body.text();
    return { status: res.statusCode, body, timedOut: false, doneAt: performance.now() };
  } catch (err) {
    const timedOut = Boolean((err as { code?: string }).code?.includes('TIMEOUT'));
    return { status: 0, body: '', timedOut, doneAt: performance.now() };
  }
}

/** A short note on failed requests, or '' when every response was 2xx. */
export function failureNote(r: LoadResult): string {
  const bad = r.non2xx + r.errors + r.timeouts;
  if (bad === 0) return '';
  const codes = Object.entries(r.statusCodes)
    .filter(([c]) => !c.startsWith('2'))
    .map(([c, n]) => `${n}×${c}`)
    .join(', ');
  return `${bad} of ${r.total + r.errors} failed (${[codes, r.errors ? `${r.errors} errors` : '', r.timeouts ? `${r.timeouts} timeouts` : ''].filter(Boolean).join(', ')})`;
}
