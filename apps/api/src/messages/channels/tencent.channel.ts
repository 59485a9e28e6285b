import { createHash, createHmac } from 'node:crypto';
import {
  ChannelError,
  fetchJson,
  type MessageChannel,
  type OutgoingMessage,
  providerTemplateId,
  type SendResult,
} from './channel.js';

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');
const hmac = (key: Buffer | string, s: string) => createHmac('sha256', key).update(s, 'utf8').digest();

/**
 * Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256) of a JSON POST: the canonical request (method, `/`, no query,
 * content-type and host headers, the payload's SHA-256), then the string to sign with the UTC date's credential
 * scope, signed with a key derived from `TC3` + secret through the date, the service and `tc3_request`.
 */
export function tc3Authorization(a: {
  secretId: string;
  secretKey: string;
  service: string;
  host: string;
  contentType: string;
  payload: string;
  timestamp: number;
}): string {
  const date = new Date(a.timestamp * 1000).toISOString().slice(0, 10);
  const canonicalRequest = [
    'POST',
    '/',
    '',
    `content-type:${a.contentType}\nhost:${a.host}\n`,
    'content-type;host',
    sha256(a.payload),
  ].join('\n');
  const scope = `${date}/${a.service}/tc3_request`;
  const stringToSign = ['TC3-HMAC-SHA256', String(a.timestamp), scope, sha256(canonicalRequest)].join('\n');
  const signing = hmac(hmac(hmac(`TC3${a.secretKey}`, date), a.service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(stringToSign, 'utf8').digest('hex');
  return `TC3-HMAC-SHA256 Credential=${a.secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

const CONTENT_TYPE = 'application/json; charset=utf-8';

/** The signed SendSms request (sms 2021-01-11): its headers and JSON body. */
export function tencentSendSmsRequest(
  cfg: { endpoint: string; secretId: string; secretKey: string; region: string },
  sms: {
    phone: string;
    appId: string;
    signName: string;
    templateId: string;
    params: string[];
    session?: string;
  },
  timestamp = Math.floor(Date.now() / 1000),
) {
  const host = new URL(cfg.endpoint).host;
  const payload = JSON.stringify({
    PhoneNumberSet: [sms.phone],
    SmsSdkAppId: sms.appId,
    SignName: sms.signName,
    TemplateId: sms.templateId,
    TemplateParamSet: sms.params,
    ...(sms.session ? { SessionContext: sms.session } : {}),
  });
  return {
    url: cfg.endpoint,
    body: payload,
    headers: {
      Authorization: tc3Authorization({
        secretId: cfg.secretId,
        secretKey: cfg.secretKey,
        service: 'sms',
        host,
        contentType: CONTENT_TYPE,
        payload,
        timestamp,
      }),
      'Content-Type': CONTENT_TYPE,
      Host: host,
      'X-TC-Action': 'SendSms',
      'X-TC-Version': '2021-01-11',
      'X-TC-Timestamp': String(timestamp),
      'X-TC-Region': cfg.region,
    },
  };
}

/**
 * Tencent Cloud SMS (短信): SendSms. Tencent templates take their parameters by position ({1}, {2}…), in the order
 * our template declares its variables (docs/messages.md).
 */
export class TencentSmsChannel implements MessageChannel {
  readonly name = 'tencent';
  readonly kind = 'sms';

  constructor(
    private readonly cfg: {
      endpoint: string;
      secretId: string;
      secretKey: string;
      region: string;
      appId: string;
      signName: string;
      templateIds: Record<string, string>;
      variableOrder: (code: OutgoingMessage['template']) => readonly string[];
    },
  ) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const req = tencentSendSmsRequest(this.cfg, {
      phone: m.to,
      appId: this.cfg.appId,
      signName: this.cfg.signName,
      templateId: providerTemplateId(this.cfg.templateIds, m.template),
      params: this.cfg.variableOrder(m.template).map((v) => m.variables[v] ?? ''),
      session: m.id,
    });
    const { Host: _host, ...headers } = req.headers; // fetch sets Host itself
    const body = (await fetchJson(req.url, { method: 'POST', headers, body: req.body })) as {
      Response?: {
        Error?: { Code: string; Message: string };
        SendStatusSet?: { Code: string; Message: string; SerialNo?: string }[];
      };
    };
    const r = body.Response;
    if (r?.Error) {
      const transient = /LimitExceeded|InternalError|RequestLimitExceeded/.test(r.Error.Code);
      throw new ChannelError(`tencent ${r.Error.Code}: ${r.Error.Message}`, !transient);
    }
    const status = r?.SendStatusSet?.[0];
    if (status?.Code === 'Ok') return { providerMessageId: status.SerialNo };
    const transient = /LimitExceeded/.test(status?.Code ?? '');
    throw new ChannelError(
      `tencent ${status?.Code ?? 'error'}: ${status?.Message ?? 'no status'}`,
      !transient,
    );
  }
}
