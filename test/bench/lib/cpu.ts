import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/**
 * Where a load's CPU went, read from Linux's scheduler statistics (/proc/<pid>/task/<tid>/schedstat: nanoseconds on
 * a core, nanoseconds runnable but waiting for one). On a machine where the API, Postgres and the load generator share
 * the same cores, throughput is bounded by the CPU a unit of work costs all of them together; this is that cost.
 */
export interface CpuAccount {
  wallMs: number;
  cores: number;
  /** The API process, all its threads. */
  apiMs: number;
  /** The API's main thread (the event loop), and how long it was runnable but waiting for a core. */
  apiMainMs: number;
  apiMainWaitMs: number;
  /** Every postgres process: the server's own and the backends of every client. */
  postgresMs: number;
  /** pgbench's client. */
  pgbenchMs: number;
  /** This process: the load generator. */
  loadMs: number;
}

interface Task {
  runNs: number;
  waitNs: number;
}

type Role = 'api' | 'postgres' | 'pgbench';

/** On a core and waiting, in ns, of one thread; null once it has gone. */
function readTask(pid: string, tid: string): Task | null {
  try {
    const [run, wait] = readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ');
    return { runNs: Number(run), waitNs: Number(wait) };
  } catch {
    return null;
  }
}

function roleOf(pid: string, apiPid: string | null): Role | null {
  if (pid === apiPid) return 'api';
  try {
    const comm = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    return comm === 'postgres' ? 'postgres' : comm === 'pgbench' ? 'pgbench' : null;
  } catch {
    return null;
  }
}

/**
 * Starts counting; `stop()` returns the CPU spent since, or null where /proc has no schedstat (not Linux). Threads
 * are read every `intervalMs`: one that starts inside the window counts from zero, one that ends inside it loses at
 * most its last interval (a pgbench backend as pgbench exits).
 */
export function startCpuAccount(opts: { apiPid?: number | null; intervalMs?: number } = {}): {
  stop(): CpuAccount | null;
} {
  const apiPid = opts.apiPid ? String(opts.apiPid) : null;
  if (!readTask(String(process.pid), String(process.pid))) return { stop: () => null };
  const roles = new Map<string, Role | null>();
  const first = new Map<string, Task>();
  const last = new Map<string, Task>();

  const sample = (initial: boolean) => {
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      let role = roles.get(pid);
      if (role === undefined) {
        role = roleOf(pid, apiPid);
        roles.set(pid, role);
      }
      if (!role) continue;
      let tids: string[];
      try {
        tids = readdirSync(`/proc/${pid}/task`);
      } catch {
        continue;
      }
      for (const tid of tids) {
        const t = readTask(pid, tid);
        if (!t) continue;
        const key = `${pid}/${tid}`;
        if (!first.has(key)) first.set(key, initial ? t : { runNs: 0, waitNs: 0 });
        last.set(key, t);
      }
    }
  };

  const startedAt = performance.now();
  const loadStart = process.cpuUsage();
  sample(true);
  const timer = setInterval(() => sample(false), opts.intervalMs ?? 250);
  timer.unref();

  return {
    stop() {
      clearInterval(timer);
      sample(false);
      const account: CpuAccount = {
        wallMs: performance.now() - startedAt,
        cores: availableParallelism(),
        apiMs: 0,
        apiMainMs: 0,
        apiMainWaitMs: 0,
        postgresMs: 0,
        pgbenchMs: 0,
        loadMs: 0,
      };
      for (const [key, end] of last) {
        const [pid, tid] = key.split('/') as [string, string];
        const begin = first.get(key)!;
        const runMs = (end.runNs - begin.runNs) / 1e6;
        const role = roles.get(pid);
        if (role === 'api') {
          account.apiMs += runMs;
          if (tid === pid) {
            account.apiMainMs = runMs;
            account.apiMainWaitMs = (end.waitNs - begin.waitNs) / 1e6;
          }
        } else if (role === 'postgres') account.postgresMs += runMs;
        else if (role === 'pgbench') account.pgbenchMs += runMs;
      }
      const load = process.cpuUsage(loadStart);
      account.loadMs = (load.user + load.system) / 1000;
      return account;
    },
  };
}

/** "API 2.3 ms (main thread 1.9 ms, …), Postgres 2.0 ms, load generator 0.3 ms" per unit of work. */
export function describeCpuPer(a: CpuAccount, units: number, unit: string): string {
  const per = (ms: number) => (ms / units).toFixed(2);
  const busy = a.apiMainMs + a.apiMainWaitMs;
  return [
    `CPU per ${unit}: API ${per(a.apiMs)} ms (its event loop ${per(a.apiMainMs)} ms, and ${per(a.apiMainWaitMs)} ms more runnable but waiting for a core: busy ${((100 * busy) / a.wallMs).toFixed(0)} % of the time)`,
    `Postgres ${per(a.postgresMs)} ms`,
    `load generator ${per(a.loadMs)} ms`,
    `all ${per(cpuTotal(a))} ms, so ${a.cores} cores fit at most ${((a.cores * 1000 * units) / cpuTotal(a)).toFixed(0)} ${unit}s/s`,
  ].join('; ');
}

export const cpuTotal = (a: CpuAccount) => a.apiMs + a.postgresMs + a.pgbenchMs + a.loadMs;
