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

type Load = { clients: number; threads: number; durationS: number };

/**
 * A timed run of `load` (`args` come before the load options, `target` after them): the per-second tps samples
 * shown as progress under `label`, the CPU counted over the run, pgbench's output and what it measured.
 */
async function timedRun(
  args: string[],
  load: Load,
  target: string[],
  env: NodeJS.ProcessEnv,
  label: string,
  apiPid?: number | null,
): Promise<{ out: string; result: Omit<PgbenchResult, 'scale'> }> {
  const samples: number[] = [];
  let account: CpuAccount | null = null;
  const cpu = startCpuAccount({ apiPid });
  const out = await run(
    [
      ...args,
      '-c',
      String(load.clients),
      '-j',
      String(load.threads),
      '-T',
      String(load.durationS),
      '-P',
      '1',
      ...target,
    ],
    env,
    (l) => {
      const m = l.match(/^progress: .*?([\d.]+) tps/);
      if (m) {
        samples.push(Number(m[1]));
        progress(`${label}: ${l}`);
      }
    },
    (load.durationS + 60) * 1000,
  ).finally(() => {
    account = cpu.stop();
  });
  endProgress();
  return {
    out,
    result: {
      ...summary(out),
      clients: load.clients,
      durationS: load.durationS,
      samples,
      cpu: account,
    },
  };
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
    const { result } = await timedRun(
      [],
      opts,
      [...conn, scratch.name],
      env,
      `pgbench -c ${opts.clients} -j ${opts.threads} -T ${opts.durationS}`,
    );
    return { ...result, scale: opts.scale };
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
  const { out, result } = await timedRun(
    [
      '-n',
      '-M',
      'simple',
      '-f',
      opts.scriptFile,
      ...Object.entries(opts.define ?? {}).flatMap(([k, v]) => ['-D', `${k}=${v}`]),
    ],
    opts,
    [...conn, url.pathname.slice(1)],
    env,
    `pgbench -f (SQL floor) -c ${opts.clients}`,
    opts.apiPid,
  );
  const failed = out.match(/number of failed transactions: (\d+)/);
  if (failed && Number(failed[1]) > 0)
    throw new Error(`the SQL floor failed ${failed[1]} transactions: ${out.slice(-800)}`);
  return { ...result, scale: 0 };
}
