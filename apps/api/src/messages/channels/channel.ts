import type { TemplateCode } from '../templates.js';

/** One message as a channel sends it: the rendered text for channels that take text, the template for those that do not. */
export interface OutgoingMessage {
  /** Our message id: passed to providers that echo an id back (Aliyun OutId, Tencent SessionContext). */
  id: string;
  to: string;
  template: TemplateCode;
  variables: Record<string, string>;
  text: string;
  /** The WeChat follower bound to `to` (wechat_bindings), given when the channel sends by WeChat. */
  openid?: string;
}

export interface SendResult {
  /** The provider's id of the message (BizId, SerialNo, msgid), kept for support tickets. */
  providerMessageId?: string;
  /** The provider that took it, when the channel chose between several (WeChat, else SMS). */
  provider?: MessageChannel['name'];
}

/** Where messages go. One implementation per provider, chosen by MESSAGES_CHANNEL. */
export interface MessageChannel {
  readonly name: 'log' | 'aliyun' | 'tencent' | 'wechat';
  readonly kind: 'sms' | 'wechat';
  send(message: OutgoingMessage): Promise<SendResult>;
}

/** A send that failed. `permanent`: retrying cannot help (a bad number, a template the provider rejects). */
export class ChannelError extends Error {
  constructor(
    message: string,
    readonly permanent = false,
  ) {
    super(message);
  }
}

/** The provider's template id for our template, or a permanent error naming the missing setting. */
export function providerTemplateId(ids: Record<string, string>, code: TemplateCode): string {
  const id = ids[code];
  if (!id) throw new ChannelError(`no provider template for ${code}: set it in MESSAGES_TEMPLATE_IDS`, true);
  return id;
}

/** Mainland mobiles go to the SMS providers without +86 (Aliyun) or with it (Tencent: E.164). */
export function nationalNumber(e164: string): string {
  return e164.startsWith('+86') ? e164.slice(3) : e164.replace(/^\+/, '00');
}

/** A provider call: JSON back, or a retryable error for a network failure or a 5xx. */
export async function fetchJson(url: string, init: RequestInit, timeoutMs = 10_000): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (err) {
    throw new ChannelError(`provider unreachable: ${(err as Error).message}`);
  }
  const text = await res.text();
  if (res.status >= 500) throw new ChannelError(`provider answered ${res.status}`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ChannelError(`provider answered ${res.status} with no JSON`);
  }
}
