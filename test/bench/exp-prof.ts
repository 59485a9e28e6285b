import { callPathRequests } from './cases/call-path.js';
import { createContext, probePostgres } from './lib/context.js';
import { runPaced } from './lib/load.js';
import { ensureCustomers, ensureHistoricalOrders, customerPopulation, orderHistory } from './lib/seed.js';
import { startCpuAccount } from './lib/cpu.js';
const pgInfo = await probePostgres();
const ctx = createContext({ quick: true, pgBase: pgInfo.base, pgVersion: pgInfo.version, pgProblem: pgInfo.problem });
try {
  const sys = await ctx.system();
  await ensureCustomers(ctx, sys.sql!, customerPopulation(ctx));
  await ensureHistoricalOrders(ctx, sys.sql!, orderHistory(ctx));
  const agent = await ctx.login('agent1');
  const rate = Number(process.env.RATE ?? 100), dur = Number(process.env.DUR ?? 10);
  const cpu = startCpuAccount({ apiPid: sys.apiPid });
  const r = await runPaced({ title: 'paced', url: sys.url, token: agent.accessToken, connections: 16, durationS: dur, ratePerS: rate, requests: await callPathRequests(ctx) });
  const a = cpu.stop()!; const n = r.ok / 2;
  console.log(`paths ${n}; per path: API ${(a.apiMs / n).toFixed(3)} ms (main ${(a.apiMainMs / n).toFixed(3)}, wait ${(a.apiMainWaitMs / n).toFixed(3)}), PG ${(a.postgresMs / n).toFixed(3)}, load ${(a.loadMs / n).toFixed(3)}; p50 ${r.latencyMs.median.toFixed(1)} p99 ${r.latencyMs.p99.toFixed(1)}`);
} finally { await ctx.close(); }
