import 'reflect-metadata';
import { ConfigError, loadConfig } from '../config.js';
import { DatabaseUnavailableError, openDatabase } from '../db/client.js';
import { seedDemo } from '../demo/seed.js';

/** `npm run seed`: loads the demo data; idempotent, refused in production. */
async function run() {
  const config = loadConfig();
  if (config.NODE_ENV === 'production') {
    console.error('refusing to load demo data with NODE_ENV=production');
    process.exit(2);
  }
  const database = await openDatabase(
    config.DATABASE_URL ? { url: config.DATABASE_URL } : { dataDir: config.dataDir },
  );
  const summary = await seedDemo(database.db, { password: config.DEMO_PASSWORD });
  console.log(`seeded ${database.kind}: ${JSON.stringify(summary)}`);
  await database.close();
}

run().catch((err: unknown) => {
  console.error(err instanceof ConfigError || err instanceof DatabaseUnavailableError ? err.message : err);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
