import 'reflect-metadata';
import { createApp } from './bootstrap.js';
import { ConfigError, DEFAULT_DEMO_PASSWORD, loadConfig } from './config.js';
import { DatabaseUnavailableError, openDatabase } from './db/client.js';
import { DEMO_STAFF, isEmpty, seedDemo } from './demo/seed.js';
import { startDemoSimulation } from './demo/simulation.js';
import { CONSOLE_DIST, hasBuild, MAP_DIST } from './paths.js';

const EXIT_CONFIG = 78;
const EXIT_UNAVAILABLE = 69;

async function main() {
  const config = loadConfig();
  process.env.TZ = config.TZ;
  const database = await openDatabase(
    config.DATABASE_URL
      ? {
          url: config.DATABASE_URL,
          poolSize: config.DB_POOL_SIZE,
          statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
          connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
          // Benchmark mode only (test/bench: the call path's SQL floor); SIGUSR2 arms and disarms it.
          captureFile: process.env.GD_SQL_CAPTURE || undefined,
        }
      : { dataDir: config.dataDir },
  );
  const capture = database.capture;
  if (capture) process.on('SIGUSR2', () => capture.toggle());
  console.log(
    `database: ${database.kind}${database.kind === 'pglite' ? ` (${config.dataDir})` : ''}, migration ${database.migration}`,
  );
  if (config.demo && (await isEmpty(database.db))) {
    const t0 = Date.now();
    const summary = await seedDemo(database.db, { password: config.DEMO_PASSWORD });
    console.log(`demo data loaded in ${Date.now() - t0} ms: ${JSON.stringify(summary)}`);
  }
  const app = await createApp(config, database);
  await app.listen(config.PORT, config.HOST);
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const base = `http://${host}:${config.PORT}`;
  printBanner(base, config.demo, config.DEMO_PASSWORD);
  const simulation = config.demo && config.SIMULATE ? startDemoSimulation(base, config.DEMO_PASSWORD) : null;
  if (simulation)
    console.log(
      '  a light simulation is running (crews moving, ~120 calls an hour): SIMULATE=off turns it off\n',
    );

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`${signal}: draining connections…`);
    simulation?.kill('SIGTERM');
    // Stop accepting, let requests in flight finish their transactions, close sockets, then the database.
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

function printBanner(base: string, demo: boolean, password: string) {
  const lines = [
    '',
    '  95598 work-order system is running',
    `  console (agents, QA, supervisors): ${base}/${hasBuild(CONSOLE_DIST) ? '' : '   (not built: run npm run build)'}`,
    `  dispatch map and crew phone view:  ${base}/map/${hasBuild(MAP_DIST) ? '' : '   (not built: run npm run build)'}`,
    `  API docs (OpenAPI):                ${base}/api/docs`,
  ];
  if (demo) {
    lines.push(
      '',
      `  demo logins (password: ${password}${password === DEFAULT_DEMO_PASSWORD ? ', set DEMO_PASSWORD to change' : ''}):`,
      `    ${DEMO_STAFF.map((s) => s.username).join(', ')}, crew01 … crew40`,
    );
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
    process.exit(EXIT_CONFIG);
  }
  if (err instanceof DatabaseUnavailableError) {
    console.error(`Database unavailable: ${err.message}`);
    process.exit(EXIT_UNAVAILABLE);
  }
  console.error(err);
  process.exit(1);
});
