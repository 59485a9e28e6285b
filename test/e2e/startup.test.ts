import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { API_MAIN, REPO_ROOT } from '../support/system.js';

/** Starts the built API with `env` and returns how it ended (it must end by itself: these are refusals). */
function start(env: Record<string, string>) {
  const result = spawnSync(process.execPath, [API_MAIN], {
    cwd: REPO_ROOT,
    env: { PATH: process.env.PATH ?? '', SIMULATE: 'off', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('start-up refusals', () => {
  it('names the bad variable and exits 78', () => {
    const r = start({ PORT: 'eighty', TZ: 'Mars/Olympus' });
    expect(r.code).toBe(78);
    expect(r.output).toMatch(/PORT: /);
    expect(r.output).toMatch(/TZ: must be an IANA time zone/);
    expect(r.output).not.toMatch(/\n\s+at /); // a message, not a stack trace
  });

  it('refuses production with the default secret', () => {
    const r = start({ NODE_ENV: 'production', DATABASE_URL: 'postgres://127.0.0.1:1/none' });
    expect(r.code).toBe(78);
    expect(r.output).toMatch(/JWT_SECRET: production mode refuses the default secret/);
  });

  it('says clearly when the database cannot be reached, and exits 69', () => {
    const r = start({ DATABASE_URL: 'postgres://postgres:secret@127.0.0.1:1/gd', PORT: '0' });
    expect(r.code).toBe(69);
    expect(r.output).toMatch(
      /Database unavailable: cannot connect to DATABASE_URL \(postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:1\/gd\)/,
    );
    expect(r.output).not.toMatch(/secret/);
  });
});
