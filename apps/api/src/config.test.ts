import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_JWT_SECRET, loadConfig } from './config.js';

describe('configuration', () => {
  it('has working defaults for a first start', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      PORT: 8080,
      TZ: 'Asia/Shanghai',
      SIMULATE: true,
      TILE_DATUM: 'wgs84',
      demo: true,
    });
    expect(c.dataDir).toMatch(/\/data$/);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ DATABASE_URL: 'mysql://x' }, 'DATABASE_URL'],
    [{ TZ: 'Mars/Olympus' }, 'TZ'],
    [{ SIMULATE: 'maybe' }, 'SIMULATE'],
    [{ TILE_DATUM: 'bd09' }, 'TILE_DATUM'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET'],
  ])('refuses %o naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}:`));
  });

  it('refuses to start production with the default secret, and never loads demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: production mode refuses/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEFAULT_JWT_SECRET })).toThrow(ConfigError);
    const prod = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-long-random-production-secret' });
    expect(prod.demo).toBe(false);
  });
});
