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
      MESSAGES_SEND_PER_SECOND: 200,
      MESSAGES_FAN_OUT_PER_SECOND: 500,
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
    [{ CORS_ORIGINS: 'null' }, 'CORS_ORIGINS'],
    [{ CORS_ORIGINS: 'https://ok.example.cn,*' }, 'CORS_ORIGINS'],
    [{ REDIS_PREFIX: 'has space' }, 'REDIS_PREFIX'],
    [{ LOGIN_RATE_LIMIT: '-1' }, 'LOGIN_RATE_LIMIT'],
    [{ DB_STATEMENT_TIMEOUT_MS: '0' }, 'DB_STATEMENT_TIMEOUT_MS'],
    [{ MESSAGES_FAN_OUT_PER_SECOND: '0' }, 'MESSAGES_FAN_OUT_PER_SECOND'],
    [{ MESSAGES_FAN_OUT_PER_SECOND: 'fast' }, 'MESSAGES_FAN_OUT_PER_SECOND'],
    [{ MESSAGES_FAN_OUT_PER_SECOND: '2.5' }, 'MESSAGES_FAN_OUT_PER_SECOND'],
    [{ MESSAGES_SEND_PER_SECOND: '0' }, 'MESSAGES_SEND_PER_SECOND'],
  ])('refuses %o naming the variable', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`${name}(\\.\\d+)?:`));
  });

  it('refuses to start production with the default secret, and never loads demo data there', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET: production mode refuses/);
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: DEFAULT_JWT_SECRET })).toThrow(ConfigError);
    const prod = loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-long-random-production-secret' });
    expect(prod.demo).toBe(false);
  });

  it('gives each deployment its own Redis prefix, from its database, unless set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/gd_prod' }).REDIS_PREFIX).toBe('gd:gd_prod');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/gd_test' }).REDIS_PREFIX).toBe('gd:gd_test');
    expect(loadConfig({ DATA_DIR: '/srv/a/data' }).REDIS_PREFIX).toBe('gd:pglite:a/data');
    expect(loadConfig({ REDIS_PREFIX: 'province-hn' }).REDIS_PREFIX).toBe('province-hn');
    expect(loadConfig({ CORS_ORIGINS: 'https://a.example.cn, https://b.example.cn' }).CORS_ORIGINS).toEqual([
      'https://a.example.cn',
      'https://b.example.cn',
    ]);
  });
});
