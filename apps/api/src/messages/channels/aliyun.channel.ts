import { createHmac, randomUUID } from 'node:crypto';
import {
  ChannelError,
  fetchJson,
  type MessageChannel,
  nationalNumber,
  type OutgoingMessage,
  providerTemplateId,
  type SendResult,
} from './channel.js';

/** RFC 3986 encoding as Aliyun's RPC signature wants it (space %20, * %2A, ~ kept). */
export function aliyunPercentEncode(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * Aliyun's RPC signature (version 1.0, HMAC-SHA1): the parameters sorted by name, encoded and joined into the
 * canonicalised query; `GET&%2F&` + its encoding is signed with `secret&`, base64.
 */
export function aliyunSignature(params: Record<string, string>, secret: string, method = 'GET'): string {
  const canonical = canonicalQuery(params);
  const stringToSign = `${method}&${aliyunPercentEncode('/')}&${aliyunPercentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}

function canonicalQuery(params: Record<string, string>): string {
  return Object.keys(params)
    .filter((k) => k !== 'Signature')
    .sort()
    .map((k) => `${aliyunPercentEncode(k)}=${aliyunPercentEncode(params[k]!)}`)
    .join('&');
}

/** The signed SendSms URL (Dysmsapi 2017-05-25). `now` and `nonce` are parameters so tests can pin them. */
export function aliyunSendSmsUrl(
  endpoint: string,
  creds: { accessKeyId: string; accessKeySecret: string },
  sms: {
    phoneNumbers: string;
    signName: string;
    templateCode: string;
    templateParam: string;
    outId?: string;
  },
  now = new Date(),
  nonce: string = randomUUID(),
): string {
  const params: Record<string, string> = {
    AccessKeyId: creds.accessKeyId,
    Action: 'SendSms',
    Format: 'JSON',
    PhoneNumbers: sms.phoneNumbers,
    RegionId: 'cn-hangzhou',
    SignName: sms.signName,
    SignatureMethod: 'HMAC-SHA1',
    SignatureNonce: nonce,
    SignatureVersion: '1.0',
    TemplateCode: sms.templateCode,
    TemplateParam: sms.templateParam,
    Timestamp: now.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    Version: '2017-05-25',
    ...(sms.outId ? { OutId: sms.outId } : {}),
  };
  const signature = aliyunSignature(params, creds.accessKeySecret);
  return `${endpoint.replace(/\/?$/, '/')}?Signature=${aliyunPercentEncode(signature)}&${canonicalQuery(params)}`;
}

/** Aliyun SMS (短信服务): SendSms with an approved template and signature. */
export class AliyunSmsChannel implements MessageChannel {
  readonly name = 'aliyun';
  readonly kind = 'sms';

  constructor(
    private readonly cfg: {
      endpoint: string;
      accessKeyId: string;
      accessKeySecret: string;
      signName: string;
      templateIds: Record<string, string>;
    },
  ) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    const url = aliyunSendSmsUrl(this.cfg.endpoint, this.cfg, {
      phoneNumbers: nationalNumber(m.to),
      signName: this.cfg.signName,
      templateCode: providerTemplateId(this.cfg.templateIds, m.template),
      templateParam: JSON.stringify(m.variables),
      outId: m.id,
    });
    const body = (await fetchJson(url, { method: 'GET' })) as {
      Code?: string;
      Message?: string;
      BizId?: string;
    };
    if (body.Code === 'OK') return { providerMessageId: body.BizId };
    // Flow control and throttling clear by themselves; anything else (bad number, template, signature) will not.
    const transient = /LIMIT_CONTROL|Throttling|ServiceUnavailable/i.test(body.Code ?? '');
    throw new ChannelError(`aliyun ${body.Code ?? 'error'}: ${body.Message ?? ''}`.trim(), !transient);
  }
}
