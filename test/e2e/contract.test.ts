import { describe, expect, inject, it } from 'vitest';
import { ApiClient } from '../support/api.js';

const baseUrl = inject('baseUrl');
const password = inject('password');

describe(`the running system (${inject('database')})`, () => {
  it('reports health and its migration without a token', async () => {
    const res = await new ApiClient(baseUrl).get('/health');
    expect(res).toMatchObject({ status: 200, body: { status: 'ok', database: inject('database') } });
    expect(res.body.migration).toMatch(/^\d{4}_\w+/);
  });

  it('logs in every demo role', async () => {
    for (const username of [
      'agent1',
      'agent2',
      'dispatcher1',
      'qa1',
      'supervisor1',
      'admin',
      'crew01',
      'crew40',
    ]) {
      const client = await ApiClient.login(baseUrl, username, password);
      const me = await client.get('/auth/me');
      expect(me.body).toMatchObject({ username, role: client.user.role });
    }
  });

  it('serves the OpenAPI document listing the API', async () => {
    const doc = await new ApiClient(baseUrl).get('/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/auth/me', '/api/health', '/api/zones']),
    );
    const ui = await fetch(`${baseUrl}/api/docs`);
    expect(ui.status).toBe(200);
  });

  it('serves the console at / and the map at /map/ from the same port, with client-side routes', async () => {
    for (const path of [
      '/',
      '/queue',
      '/map/',
      '/map/crew',
      '/report',
      '/track/GD20261205000001',
      '/track/outages',
      '/outages',
      '/outage-notices',
    ]) {
      const res = await fetch(`${baseUrl}${path}`);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toMatch(/<div id="root">/);
    }
    // The customers' pages are their own small entry, not the console.
    expect(await (await fetch(`${baseUrl}/report`)).text()).toMatch(/customer-[\w-]+\.js/);
    // /outages is the customers' outage map; the console's screen for publishing them is /outage-notices.
    expect(await (await fetch(`${baseUrl}/outages`)).text()).toMatch(/customer-[\w-]+\.js/);
    expect(await (await fetch(`${baseUrl}/outage-notices`)).text()).not.toMatch(/customer-[\w-]+\.js/);
    const open311 = await fetch(`${baseUrl}/open311/v2/services.json`);
    expect(open311.status).toBe(200);
    const unknownApi = await fetch(`${baseUrl}/api/nowhere`);
    expect(unknownApi.status).toBe(404);
  });
});
