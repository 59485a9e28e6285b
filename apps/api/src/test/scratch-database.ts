import pg from 'pg';

/**
 * Creates `gd_test_<random>` on the server of `baseUrl` (empty, or a copy of `template`); drop() removes it.
 * `.ci/run` drops any `gd_test_%` database a killed run left behind.
 */
export async function createScratchDatabase(baseUrl: string, opts: { template?: string } = {}) {
  const name = `gd_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}${opts.template ? ` template ${opts.template}` : ''}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    name,
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
