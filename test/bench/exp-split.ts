import { callPathRequests } from './cases/call-path.js';
import { createContext, probePostgres } from './lib/context.js';
import { startCpuAccount } from './lib/cpu.js';
import { runLoad } from './lib/load.js';
import { ensureCustomers, ensureHistoricalOrders, customerPopulation, orderHistory } from './lib/seed.js';

const pgInfo = await probePostgres();
const ctx = createContext({ quick: true, pgBase: pgInfo.base, pgVersion: pgInfo.version, pgProblem: pgInfo.problem });
try {
  const sys = await ctx.system();
  await ensureCustomers(ctx, sys.sql!, customerPopulation(ctx));
  await ensureHistoricalOrders(ctx, sys.sql!, orderHistory(ctx));
  const agent = await ctx.login('agent1');
  const [callReq, ticketReq] = await callPathRequests(ctx);
  const cases: [string, any[]][] = [
    ['auth/me', [{ method: 'GET', path: '/api/auth/me' }]],
    ['calls only', [callReq]],
    ['path', await callPathRequests(ctx)],
    ['auth/me', [{ method: 'GET', path: '/api/auth/me' }]],
  ];
  for (const [name, requests] of cases) {
    const cpu = startCpuAccount({ apiPid: sys.apiPid });
    const r = await runLoad({ title: name, url: sys.url, token: agent.accessToken, connections: 16, durationS: 6, requests });
    const a = cpu.stop()!;
    const n = r.ok;
    console.log(`${name}: ${(n / r.durationS).toFixed(0)} req/s; per request: API ${(a.apiMs / n).toFixed(3)} ms (main ${(a.apiMainMs / n).toFixed(3)}), PG ${(a.postgresMs / n).toFixed(3)}, load ${(a.loadMs / n).toFixed(3)}`);
  }
} finally { await ctx.close(); }
