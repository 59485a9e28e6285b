import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEMPLATES } from '../templates.js';
import {
  AliyunSmsChannel,
  aliyunPercentEncode,
  aliyunSendSmsUrl,
  aliyunSignature,
} from './aliyun.channel.js';
import { ChannelError } from './channel.js';
import { TencentSmsChannel, tc3Authorization } from './tencent.channel.js';
import { WechatTemplateChannel } from './wechat.channel.js';

describe('Aliyun SMS signature (RPC, HMAC-SHA1)', () => {
  // The worked example of Aliyun's SMS signature document (dysmsapi 2017-05-25, SendSms).
  const example = {
    AccessKeyId: 'testId',
    Action: 'SendSms',
    Format: 'XML',
    OutId: '123',
    PhoneNumbers: '15300000001',
    RegionId: 'cn-hangzhou',
    SignName: '阿里云短信测试专用',
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    SignatureVersion: '1.0',
    TemplateCode: 'SMS_71390007',
    TemplateParam: '{"customer":"test"}',
    Timestamp: '2017-07-12T02:42:19Z',
    Version: '2017-05-25',
  };

  it("matches the provider's published example", () => {
    expect(aliyunSignature(example, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    expect(aliyunSignature(example, 'otherSecret')).not.toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
  });

  it('encodes as the RPC API wants it', () => {
    expect(aliyunPercentEncode("a b*~!'()")).toBe('a%20b%2A~%21%27%28%29');
    expect(aliyunPercentEncode('/=&+')).toBe('%2F%3D%26%2B');
  });

  it('builds the signed SendSms URL with the signature first', () => {
    const url = aliyunSendSmsUrl(
      'http://dysmsapi.aliyuncs.com/',
      { accessKeyId: 'testId', accessKeySecret: 'testSecret' },
      {
        phoneNumbers: '15300000001',
        signName: '阿里云短信测试专用',
        templateCode: 'SMS_71390007',
        templateParam: '{"customer":"test"}',
        outId: '123',
      },
      new Date('2017-07-12T02:42:19Z'),
      '45e25e9b-0a6f-4070-8c85-2956eda1b466',
    );
    const q = new URL(url).searchParams;
    expect(q.get('Signature')).toBe(
      aliyunSignature({ ...Object.fromEntries(q), Signature: '' }, 'testSecret'),
    );
    expect(url.indexOf('?Signature=')).toBeGreaterThan(0);
    expect(q.get('TemplateParam')).toBe('{"customer":"test"}');
    expect(q.get('Format')).toBe('JSON');
  });
});

describe('Tencent Cloud signature (TC3-HMAC-SHA256)', () => {
  it("matches the provider's published example (CVM DescribeInstances)", () => {
    const auth = tc3Authorization({
      secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
      secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
      service: 'cvm',
      host: 'cvm.tencentcloudapi.com',
      contentType: 'application/json; charset=utf-8',
      payload: '{"Limit": 1, "Filters": [{"Values": ["\\u672a\\u547d\\u540d"], "Name": "instance-name"}]}',
      timestamp: 1551113065,
    });
    expect(auth).toBe(
      'TC3-HMAC-SHA256 Credential=AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE/2019-02-25/cvm/tc3_request, ' +
        'SignedHeaders=content-type;host, Signature=72e494ea809ad7a8c8f7a4507b9bddcbaa8e581f516e8da2f66e2c5a96525168',
    );
  });
});

/** A local stand-in for the providers: records each request and answers what the test says. */
describe('channels against a local stand-in server', () => {
  let server: Server;
  let base: string;
  const seen: { method: string; url: string; headers: IncomingMessage['headers']; body: string }[] = [];
  let answer: (url: string) => { status?: number; body: unknown } = () => ({ body: {} });
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        const a = answer(req.url!);
        res.writeHead(a.status ?? 200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(a.body));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const message = {
    id: 'b3c1a7e2-0000-4000-8000-000000000001',
    to: '+8613812345678',
    template: 'crew_dispatched' as const,
    variables: { number: 'GD20261205000001', crew: '芙蓉一班', eta: '18' },
    text: '…',
  };

  it('Aliyun: a signed GET with the template, its JSON parameters and our id; OK, throttling and refusals', async () => {
    const channel = new AliyunSmsChannel({
      endpoint: `${base}/`,
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      signName: '长沙供电公司',
      templateIds: { crew_dispatched: 'SMS_100' },
    });
    seen.length = 0;
    answer = () => ({ body: { Code: 'OK', BizId: '900^1' } });
    expect(await channel.send(message)).toEqual({ providerMessageId: '900^1' });
    const q = new URL(seen[0]!.url, base).searchParams;
    expect(seen[0]!.method).toBe('GET');
    expect(Object.fromEntries(q)).toMatchObject({
      Action: 'SendSms',
      PhoneNumbers: '13812345678',
      SignName: '长沙供电公司',
      TemplateCode: 'SMS_100',
      OutId: message.id,
      SignatureMethod: 'HMAC-SHA1',
    });
    expect(JSON.parse(q.get('TemplateParam')!)).toEqual(message.variables);
    const { Signature, ...rest } = Object.fromEntries(q);
    expect(Signature).toBe(aliyunSignature(rest, 'secret'));

    answer = () => ({ body: { Code: 'isv.BUSINESS_LIMIT_CONTROL', Message: '触发流控' } });
    await expect(channel.send(message)).rejects.toMatchObject({ permanent: false });
    answer = () => ({ body: { Code: 'isv.MOBILE_NUMBER_ILLEGAL', Message: '非法手机号' } });
    await expect(channel.send(message)).rejects.toMatchObject({ permanent: true });
    answer = () => ({ status: 503, body: {} });
    await expect(channel.send(message)).rejects.toBeInstanceOf(ChannelError);
    await expect(channel.send({ ...message, template: 'order_completed' })).rejects.toMatchObject({
      permanent: true,
      message: expect.stringMatching(/MESSAGES_TEMPLATE_IDS/),
    });
  });

  it('Tencent: a TC3-signed JSON POST with SmsSdkAppId, TemplateId and the parameters in declared order', async () => {
    const channel = new TencentSmsChannel({
      endpoint: `${base}/`,
      secretId: 'AKIDtest',
      secretKey: 'key',
      region: 'ap-guangzhou',
      appId: '1400000001',
      signName: '长沙供电公司',
      templateIds: { crew_dispatched: '123456' },
      variableOrder: (code) => TEMPLATES[code].variables,
    });
    seen.length = 0;
    answer = () => ({
      body: { Response: { SendStatusSet: [{ Code: 'Ok', SerialNo: 'sn-1' }], RequestId: 'r' } },
    });
    expect(await channel.send(message)).toEqual({ providerMessageId: 'sn-1' });
    const req = seen[0]!;
    expect(req.method).toBe('POST');
    expect(JSON.parse(req.body)).toEqual({
      PhoneNumberSet: ['+8613812345678'],
      SmsSdkAppId: '1400000001',
      SignName: '长沙供电公司',
      TemplateId: '123456',
      TemplateParamSet: ['GD20261205000001', '芙蓉一班', '18'],
      SessionContext: message.id,
    });
    expect(req.headers['x-tc-action']).toBe('SendSms');
    expect(req.headers['x-tc-version']).toBe('2021-01-11');
    expect(req.headers['x-tc-region']).toBe('ap-guangzhou');
    expect(req.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(req.headers.authorization).toBe(
      tc3Authorization({
        secretId: 'AKIDtest',
        secretKey: 'key',
        service: 'sms',
        host: new URL(base).host,
        contentType: 'application/json; charset=utf-8',
        payload: req.body,
        timestamp: Number(req.headers['x-tc-timestamp']),
      }),
    );
    answer = () => ({
      body: { Response: { Error: { Code: 'AuthFailure.SignatureFailure', Message: 'bad' } } },
    });
    await expect(channel.send(message)).rejects.toMatchObject({ permanent: true });
  });

  it('WeChat: takes an access token once, then posts the template with each variable as data', async () => {
    const channel = new WechatTemplateChannel({
      apiBase: base,
      appId: 'wxapp',
      appSecret: 'wxsecret',
      templateIds: { crew_dispatched: 'tpl-1' },
      linkOf: () => 'https://example.test/track/GD1',
    });
    seen.length = 0;
    answer = (url) =>
      url.startsWith('/cgi-bin/token')
        ? { body: { access_token: 'TOKEN1', expires_in: 7200 } }
        : { body: { errcode: 0, errmsg: 'ok', msgid: 42 } };
    expect(await channel.send({ ...message, to: 'openid-1' })).toEqual({ providerMessageId: '42' });
    await channel.send({ ...message, to: 'openid-1' });
    expect(seen.filter((r) => r.url.startsWith('/cgi-bin/token'))).toHaveLength(1);
    const token = new URL(seen[0]!.url, base).searchParams;
    expect(Object.fromEntries(token)).toEqual({
      grant_type: 'client_credential',
      appid: 'wxapp',
      secret: 'wxsecret',
    });
    const post = seen[1]!;
    expect(post.url).toBe('/cgi-bin/message/template/send?access_token=TOKEN1');
    expect(JSON.parse(post.body)).toEqual({
      touser: 'openid-1',
      template_id: 'tpl-1',
      url: 'https://example.test/track/GD1',
      data: { number: { value: 'GD20261205000001' }, crew: { value: '芙蓉一班' }, eta: { value: '18' } },
    });
    // A stale token is dropped and fetched again on the retry.
    answer = (url) =>
      url.startsWith('/cgi-bin/token')
        ? { body: { access_token: 'TOKEN2', expires_in: 7200 } }
        : { body: { errcode: 40001, errmsg: 'invalid credential' } };
    await expect(channel.send({ ...message, to: 'openid-1' })).rejects.toMatchObject({ permanent: false });
    await channel.send({ ...message, to: 'openid-1' }).catch(() => {});
    expect(seen.filter((r) => r.url.startsWith('/cgi-bin/token'))).toHaveLength(2);
  });
});
