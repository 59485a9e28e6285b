import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cacheControlFor, tileSources } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { CONSOLE_DIST, hasBuild, MAP_DIST } from '../paths.js';
import { startTestApp, type TestApp } from '../test/harness.js';
import { createLogger, PinoNestLogger, scrub } from './logger.js';

const raw = (t: TestApp, path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${t.url}${path}`, { method, headers });

describe('logs carry no personal data', () => {
  it('scrubs phones, tokens and query strings from messages', () => {
    const line = scrub(
      'GET /api/customers?q=13812345678&name=王芳 failed for +86 138 1234 5678 and 0731-84561234, Bearer eyJhbGciOi.eyJzdWIi.sig',
    );
    expect(line).not.toMatch(/1381234|84561234|王芳|eyJ/);
    expect(line).toContain('/api/customers?[query]');
  });

  it('writes JSON lines with personal fields redacted', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const logger = new PinoNestLogger(createLogger('log', sink));
    logger.error('lookup of 13812345678 failed', 'Error: x\n    at y', 'Customers');
    logger.log(
      { customer: { name: '王芳', phone: '+8613812345678', address: '五一大道1号' }, ok: true },
      'Customers',
    );
    logger.debug('not at level log', 'Customers');
    expect(lines).toHaveLength(2);
    const [error, info] = lines.map((l) => JSON.parse(l));
    expect(error).toMatchObject({ level: 50, context: 'Customers', msg: 'lookup of [phone] failed' });
    expect(info.customer).toEqual({ name: '[redacted]', phone: '[redacted]', address: '[redacted]' });
    expect(lines.join('')).not.toMatch(/13812345678|王芳|五一/);
  });
});

describe('security headers, CORS, API docs, compression and caching', () => {
  let t: TestApp;
  let locked: TestApp;
  beforeAll(async () => {
    t = await startTestApp('pglite', { customers: 10 });
    locked = await startTestApp('pglite', {
      customers: 10,
      env: { CORS_ORIGINS: 'https://console.example.cn', HSTS: 'on', API_DOCS: 'off' },
    });
  });
  afterAll(async () => {
    await t?.close();
    await locked?.close();
  });

  it('sends the security headers on the API and on both apps', async () => {
    const paths = [
      '/api/health',
      ...(hasBuild(CONSOLE_DIST) ? ['/'] : []),
      ...(hasBuild(MAP_DIST) ? ['/map/'] : []),
    ];
    for (const path of paths) {
      const res = await raw(t, path);
      expect(res.status, path).toBe(200);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain('img-src');
      expect(csp).toContain('https://*.tile.openstreetmap.org');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('same-origin');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    expect((await raw(locked, '/api/health')).headers.get('strict-transport-security')).toMatch(
      /max-age=31536000/,
    );
    expect(tileSources('https://webrd0{s}.is.autonavi.com/appmaptile?x={x}&y={y}&z={z}')).toEqual([
      'https://webrd0*.is.autonavi.com',
    ]);
  });

  it('never reflects a foreign or null Origin; allows only the configured ones', async () => {
    for (const origin of ['https://evil.example', 'null']) {
      const get = await raw(t, '/api/health', { origin });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
      const preflight = await raw(
        t,
        '/api/auth/login',
        { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        'OPTIONS',
      );
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    }
    const allowed = await raw(locked, '/api/health', { origin: 'https://console.example.cn' });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://console.example.cn');
    const other = await raw(locked, '/api/health', { origin: 'https://evil.example' });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('serves the API docs in development and test, not when turned off (production default)', async () => {
    expect((await raw(t, '/api/docs-json')).status).toBe(200);
    expect((await raw(locked, '/api/docs-json')).status).toBe(404);
    expect((await raw(locked, '/api/docs')).status).toBe(404);
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: 'a-long-random-production-secret' }).API_DOCS,
    ).toBe(false);
    expect(loadConfig({}).API_DOCS).toBe(true);
  });

  it('compresses large answers and caches hashed assets for good, index.html never', async () => {
    const docs = await raw(t, '/api/docs-json', { 'accept-encoding': 'br, gzip' });
    expect(docs.headers.get('content-encoding')).toBe('br');
    expect(cacheControlFor('/x/dist/assets/index-3f2a9c.js')).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor('/x/dist/index.html')).toBe('no-cache');
    if (!hasBuild(CONSOLE_DIST)) return;
    const index = await raw(t, '/', { 'accept-encoding': 'br' });
    expect(index.headers.get('cache-control')).toBe('no-cache');
    const asset = (await index.text()).match(/\/assets\/[^"]+\.js/)?.[0];
    expect(asset).toBeDefined();
    const js = await raw(t, asset!, { 'accept-encoding': 'br, gzip' });
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-encoding')).toBe('br');
  });

  it('refuses a weak password for a new or changed account, in Chinese', async () => {
    const admin = await t.token('admin');
    const weak = await t.request('POST', '/staff', {
      token: admin,
      body: { username: 'agent12', displayName: '客服 周', role: 'agent', password: '12345678' },
    });
    expect(weak.status).toBe(400);
    expect(weak.body.message[0]).toMatch(/^密码强度不足/);
    for (const password of ['woaini1314', 'agent12agent12', 'Password1']) {
      const res = await t.request('POST', '/staff', {
        token: admin,
        body: { username: 'agent12', displayName: '客服 周', role: 'agent', password },
      });
      expect(res.status, password).toBe(400);
    }
    const ok = await t.request('POST', '/staff', {
      token: admin,
      body: { username: 'agent12', displayName: '客服 周', role: 'agent', password: 'Lantern-harbour-95598' },
    });
    expect(ok.status).toBe(201);
    const change = await t.request('PATCH', `/staff/${ok.body.id}`, {
      token: admin,
      body: { password: 'qwertyuiop' },
    });
    expect(change.status).toBe(400);
  });
});
