import { callPathRequests } from './cases/call-path.js';
import { createContext, probePostgres } from './lib/context.js';
import { runLoad } from './lib/load.js';
import { ensureCustomers, ensureHistoricalOrders, customerPopulation, orderHistory } from './lib/seed.js';
import { execSync } from 'node:child_process';
const pgInfo = await probePostgres();
const ctx = createContext({ quick: true, pgBase: pgInfo.base, pgVersion: pgInfo.version, pgProblem: pgInfo.problem });
try {
  const sys = await ctx.system();
  await ensureCustomers(ctx, sys.sql!, customerPopulation(ctx));
  await ensureHistoricalOrders(ctx, sys.sql!, orderHistory(ctx));
  const agent = await ctx.login('agent1');
  await runLoad({ title: 'warm', url: sys.url, token: agent.accessToken, connections: 16, durationS: 3, requests: await callPathRequests(ctx) });
  const db = new URL(sys.databaseUrl!).pathname.slice(1);
  await sys.sql!.query(`load 'auto_explain'`);
  execSync(`psql -h 127.0.0.1 -U postgres -c "alter database ${db} set session_preload_libraries='auto_explain'" -c "alter database ${db} set auto_explain.log_min_duration=0" -c "alter database ${db} set auto_explain.log_analyze=on" -c "alter database ${db} set auto_explain.log_nested_statements=on" -c "alter database ${db} set auto_explain.log_buffers=on"`);
  // New connections pick the settings up: the API's pool is idle-timed? force by a fresh load after a pause.
  await new Promise((r) => setTimeout(r, 100));
  execSync(`psql -h 127.0.0.1 -U postgres -c "select pg_terminate_backend(pid) from pg_stat_activity where datname='${db}' and pid <> pg_backend_pid()"`);
  await new Promise((r) => setTimeout(r, 500));
  await runLoad({ title: 'logged', url: sys.url, token: agent.accessToken, connections: 1, durationS: 2, requests: await callPathRequests(ctx) });
} finally { await ctx.close(); }
