import { spawn } from 'node:child_process';
import { scratchDatabase } from '../../support/system.js';
import { type BenchContext, SCRATCH_PREFIX } from './context.js';
import { type CpuAccount, startCpuAccount } from './cpu.js';
import { endProgress, log, progress } from './progress.js';

export interface PgbenchResult {
  tps: number;
  latencyAvgMs: number | null;
  scale: number;
  clients: number;
  durationS: number;
  /** Per-second tps samples (`-P 1`). */
  samples: number[];
  /** Transactions pgbench reports it processed, and the CPU the run cost (null off Linux). */
  transactions: number | null;
  cpu: CpuAccount | null;
}

export function run(
  args: string[],
  env: NodeJS.ProcessEnv,
  onLine: (l: string) => void,
  timeoutMs: number,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    const feed = (b: Buffer) => {
      const s = b.toString();
      out += s;
      for (const l of s.split('\n')) if (l.trim()) onLine(l.trim());
    };
    child.stdout.on('data', feed);
    child.stderr.on('data', feed);
    child.on('error', (err) => {
      clearTimeout(timer);
      reject(err);
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`pgbench ${args.join(' ')} exited ${code}: ${out.slice(-500)}`));
    });
  });
}

/** pgbench's connection options for a database URL (the database name not included), and its password. */
function connection(url: URL): { conn: string[]; env: NodeJS.ProcessEnv } {
  return {
    conn: [
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      decodeURIComponent(url.username || 'postgres'),
    ],
    env: { ...process.env, PGPASSWORD: decodeURIComponent(url.password || '') },
  };
}

/**
 * A timed run (`args` include `-P 1`): the per-second tps samples as progress under `label`, the CPU counted over
 * the run, and pgbench's output.
 */
async function timedRun(
  args: string[],
  env: NodeJS.ProcessEnv,
  label: string,
  durationS: number,
  apiPid?: number | null,
): Promise<{ out: string; samples: number[]; cpu: CpuAccount | null }> {
  const samples: number[] = [];
  let account: CpuAccount | null = null;
  const cpu = startCpuAccount({ apiPid });
  const out = await run(
    args,
    env,
    (l) => {
      const m = l.match(/^progress: .*?([\d.]+) tps/);
      if (m) {
        samples.push(Number(m[1]));
        progress(`${label}: ${l}`);
      }
    },
    (durationS + 60) * 1000,
  ).finally(() => {
    account = cpu.stop();
  });
  endProgress();
  return { out, samples, cpu: account };
}

/** The summary pgbench prints at the end of a run. */
function summary(out: string): { tps: number; latencyAvgMs: number | null; transactions: number | null } {
  const tps = out.match(/tps = ([\d.]+) \(without initial connection time\)/) ?? out.match(/tps = ([\d.]+)/);
  if (!tps) throw new Error(`pgbench printed no tps: ${out.slice(-500)}`);
  const lat = out.match(/latency average = ([\d.]+) ms/);
  const processed = out.match(/number of transactions actually processed: (\d+)/);
  return {
    tps: Number(tps[1]),
    latencyAvgMs: lat ? Number(lat[1]) : null,
    transactions: processed ? Number(processed[1]) : null,
  };
}

/** TPC-B (pgbench's default script) on a scratch database of the same server, dropped afterwards. */
export async function pgbench(
  ctx: BenchContext,
  opts: { scale: number; clients: number; threads: number; durationS: number },
): Promise<PgbenchResult> {
  if (!ctx.pgBase) throw new Error('no Postgres');
  const scratch = await scratchDatabase(ctx.pgBase, `${SCRATCH_PREFIX}_pgb`);
  try {
    const { conn, env } = connection(new URL(scratch.url));
    log(`  pgbench -i -s ${opts.scale} (scratch database ${scratch.name})…`);
    await run(
      ['-i', '-q', '-s', String(opts.scale), ...conn, scratch.name],
      env,
      (l) => progress(`pgbench -i: ${l}`),
      300_000,
    );
    endProgress();
    const { out, samples, cpu } = await timedRun(
      [
        '-c',
        String(opts.clients),
        '-j',
        String(opts.threads),
        '-T',
        String(opts.durationS),
        '-P',
        '1',
        ...conn,
        scratch.name,
      ],
      env,
      `pgbench -c ${opts.clients} -j ${opts.threads} -T ${opts.durationS}`,
      opts.durationS,
    );
    return {
      ...summary(out),
      scale: opts.scale,
      clients: opts.clients,
      durationS: opts.durationS,
      samples,
      cpu,
    };
  } finally {
    await scratch.drop();
  }
}

/**
 * A custom script (`-f`) against an existing database, simple protocol (the script prepares what it wants itself),
 * no vacuum: the SQL floor of the call path (lib/sql-floor.ts). CPU counted with the API's process, if any.
 */
export async function pgbenchScript(opts: {
  url: string;
  scriptFile: string;
  clients: number;
  threads: number;
  durationS: number;
  define?: Record<string, string>;
  apiPid?: number | null;
}): Promise<PgbenchResult> {
  const url = new URL(opts.url);
  const { conn, env } = connection(url);
  const args = [
    '-n',
    '-M',
    'simple',
    '-f',
    opts.scriptFile,
    ...Object.entries(opts.define ?? {}).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    '-c',
    String(opts.clients),
    '-j',
    String(opts.threads),
    '-T',
    String(opts.durationS),
    '-P',
    '1',
    ...conn,
    url.pathname.slice(1),
  ];
  const { out, samples, cpu } = await timedRun(
    args,
    env,
    `pgbench -f (SQL floor) -c ${opts.clients}`,
    opts.durationS,
    opts.apiPid,
  );
  const totals = summary(out);
  const failed = out.match(/number of failed transactions: (\d+)/);
  if (failed && Number(failed[1]) > 0)
    throw new Error(`the SQL floor failed ${failed[1]} transactions: ${out.slice(-800)}`);
  return { ...totals, scale: 0, clients: opts.clients, durationS: opts.durationS, samples, cpu };
}
