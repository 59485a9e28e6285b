import autocannon from 'autocannon';
import { endProgress, progress } from './progress.js';

export interface LoadRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  /** Rewrites the request per send (a fresh phone, an Idempotency-Key…); `context` is per connection. */
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
  latencyMs: { median: number; p90: number; p97_5: number; p99: number; max: number; mean: number };
  statusCodes: Record<string, number>;
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
  overallRate?: number;
  requests: LoadRequest[];
}): Promise<LoadResult> {
  const host = new URL(opts.url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost')
    throw new Error(`refusing to load ${host}: 127.0.0.1 only`);
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
      ...(opts.overallRate ? { overallRate: opts.overallRate } : {}),
      timeout: 10,
      headers: {
        'content-type': 'application/json',
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      },
      // biome-ignore lint/suspicious/noExplicitAny: autocannon's request typing does not model setupRequest's context
      requests: opts.requests as any,
    },
    (err, r) => finish(err, r),
  );
  let count = 0;
  instance.on('response', () => {
    count++;
  });
  const timer = setInterval(() => {
    const s = (Date.now() - started) / 1000;
    progress(
      `${opts.title}: ${s.toFixed(0)}/${opts.durationS} s, ${count} responses, ${(count / Math.max(s, 0.001)).toFixed(0)}/s`,
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
    latencyMs: {
      median: result.latency.p50,
      p90: result.latency.p90,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    statusCodes,
  };
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
