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

function run(
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

/** TPC-B (pgbench's default script) on a scratch database of the same server, dropped afterwards. */
export async function pgbench(
  ctx: BenchContext,
  opts: { scale: number; clients: number; threads: number; durationS: number },
): Promise<PgbenchResult> {
  if (!ctx.pgBase) throw new Error('no Postgres');
  const scratch = await scratchDatabase(ctx.pgBase, `${SCRATCH_PREFIX}_pgb`);
  try {
    const url = new URL(scratch.url);
    const conn = [
      '-h',
      url.hostname,
      '-p',
      url.port || '5432',
      '-U',
      decodeURIComponent(url.username || 'postgres'),
    ];
    const env = { ...process.env, PGPASSWORD: decodeURIComponent(url.password || '') };
    log(`  pgbench -i -s ${opts.scale} (scratch database ${scratch.name})…`);
    await run(
      ['-i', '-q', '-s', String(opts.scale), ...conn, scratch.name],
      env,
      (l) => progress(`pgbench -i: ${l}`),
      300_000,
    );
    endProgress();
    const samples: number[] = [];
    let account: CpuAccount | null = null;
    const cpu = startCpuAccount();
    const out = await run(
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
      (l) => {
        const m = l.match(/^progress: .*?([\d.]+) tps/);
        if (m) {
          samples.push(Number(m[1]));
          progress(`pgbench -c ${opts.clients} -j ${opts.threads} -T ${opts.durationS}: ${l}`);
        }
      },
      (opts.durationS + 60) * 1000,
    ).finally(() => {
      account = cpu.stop();
    });
    endProgress();
    const tps =
      out.match(/tps = ([\d.]+) \(without initial connection time\)/) ?? out.match(/tps = ([\d.]+)/);
    if (!tps) throw new Error(`pgbench printed no tps: ${out.slice(-500)}`);
    const lat = out.match(/latency average = ([\d.]+) ms/);
    const processed = out.match(/number of transactions actually processed: (\d+)/);
    return {
      tps: Number(tps[1]),
      latencyAvgMs: lat ? Number(lat[1]) : null,
      scale: opts.scale,
      clients: opts.clients,
      durationS: opts.durationS,
      samples,
      transactions: processed ? Number(processed[1]) : null,
      cpu: account,
    };
  } finally {
    await scratch.drop();
  }
}
