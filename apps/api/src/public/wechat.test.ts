import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customers, messages, wechatBindings } from '../db/schema/index.js';
import { type LogChannel, WechatFirstChannel } from '../messages/channels/index.js';
import { isMobile } from '../messages/message-rules.js';
import { MessagesWorker } from '../messages/messages.worker.js';
import { TEMPLATE_CODES } from '../messages/templates.js';
import { DATABASES, startTestApp, type TestApp } from '../test/harness.js';
import { createOrder } from '../tickets/work-orders.fixtures.js';

/** WeChat's API on a local port: tokens, template sends (kept), and web authorisation codes → openids. */
async function fakeWechat() {
  const sent: { touser: string; template_id: string; data: Record<string, { value: string }> }[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url!, 'http://x');
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (url.pathname === '/cgi-bin/token')
        return res.end(JSON.stringify({ access_token: 'T', expires_in: 7200 }));
      if (url.pathname === '/cgi-bin/message/template/send') {
        sent.push(JSON.parse(body));
        return res.end(JSON.stringify({ errcode: 0, errmsg: 'ok', msgid: sent.length }));
      }
      if (url.pathname === '/sns/oauth2/access_token') {
        const code = url.searchParams.get('code')!;
        const ok =
          url.searchParams.get('appid') === 'wx-app' && url.searchParams.get('secret') === 'wx-secret';
        return res.end(
          JSON.stringify(
            ok && code !== 'used-code'
              ? { access_token: 'web', openid: `o-${code}`, scope: 'snsapi_base' }
              : { errcode: 40163, errmsg: 'code been used' },
          ),
        );
      }
      res.statusCode = 404;
      res.end('{}');
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { sent, server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe.each(DATABASES)('WeChat binding and the WeChat channel on %s', (kind) => {
  let t: TestApp;
  let wx: Awaited<ReturnType<typeof fakeWechat>>;
  let worker: MessagesWorker;
  let sms: LogChannel;

  beforeAll(async () => {
    wx = await fakeWechat();
    t = await startTestApp(kind, {
      env: {
        MESSAGES_POLL_MS: '0',
        MESSAGES_QUIET_HOURS: 'off',
        MESSAGES_CHANNEL: 'wechat',
        MESSAGES_SMS_FALLBACK: 'log',
        WECHAT_APP_ID: 'wx-app',
        WECHAT_APP_SECRET: 'wx-secret',
        WECHAT_API_BASE: wx.base,
        MESSAGES_TEMPLATE_IDS: JSON.stringify(Object.fromEntries(TEMPLATE_CODES.map((c) => [c, `tpl-${c}`]))),
      },
    });
    worker = t.app.get(MessagesWorker, { strict: false });
    sms = (worker.channel as WechatFirstChannel).fallback as LogChannel;
  });
  afterAll(async () => {
    await t?.close();
    wx?.server.close();
  });

  it('binds a phone proved by its code to the follower WeChat authorised, then tells that customer by WeChat', async () => {
    const auth = await t.request('GET', '/public/wechat/authorize-url?number=GD20261205000001');
    expect(auth.status).toBe(200);
    const url = new URL(auth.body.url);
    expect(url.origin + url.pathname).toBe('https://open.weixin.qq.com/connect/oauth2/authorize');
    expect(url.searchParams.get('appid')).toBe('wx-app');
    expect(url.searchParams.get('scope')).toBe('snsapi_base');
    expect(url.searchParams.get('redirect_uri')).toMatch(/\/track\/GD20261205000001$/);
    expect((await t.request('GET', '/public/wechat/authorize-url?number=../x')).status).toBe(400);

    const [c] = (await t.database.db.select().from(customers).where(eq(customers.zoneClass, 'urban'))).filter(
      (x) => isMobile(x.phone),
    );
    const phone = c!.phone;
    // Not bound yet: the code goes by SMS.
    expect((await t.request('POST', '/public/codes', { body: { phone } })).status).toBe(202);
    await worker.runOnce();
    const code = sms.sent.filter((m) => m.to === phone && m.template === 'verification_code').at(-1)!
      .variables.code!;
    const bind = (body: Record<string, unknown>) => t.request('POST', '/public/wechat/bindings', { body });

    expect((await bind({ phone, code, oauthCode: 'used-code' })).status).toBe(400); // WeChat refused it
    expect(
      (await bind({ phone, code: code === '000000' ? '111111' : '000000', oauthCode: 'code-one' })).status,
    ).toBe(400);
    expect((await bind({ phone, code, oauthCode: 'bad code!' })).status).toBe(400);
    expect(await t.database.db.select().from(wechatBindings).where(eq(wechatBindings.phone, phone))).toEqual(
      [],
    );
    const ok = await bind({ phone, code, oauthCode: 'code-one' });
    expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    expect((await bind({ phone, code, oauthCode: 'code-two' })).status).toBe(400); // a code binds once

    // Bound: the customer's next message goes by WeChat to the follower, as a template with its variables.
    const before = wx.sent.length;
    const agent = await t.token('agent1');
    const order = await createOrder(t, agent, {
      type: 'fault_repair',
      customerId: c!.id,
      description: '家里停电',
    });
    await worker.runOnce();
    expect(wx.sent.slice(before)).toEqual([
      expect.objectContaining({
        touser: 'o-code-one',
        template_id: 'tpl-order_accepted',
        data: expect.objectContaining({ number: { value: order.number } }),
      }),
    ]);
    const [row] = await t.database.db.select().from(messages).where(eq(messages.ticketId, order.id));
    expect(row).toMatchObject({ status: 'sent', channel: 'wechat', provider: 'wechat', to: phone });
    const codeRow = (await t.database.db.select().from(messages).where(eq(messages.to, phone))).find(
      (m) => m.template === 'verification_code',
    );
    expect(codeRow).toMatchObject({ status: 'sent', provider: 'log' });
  });
});
