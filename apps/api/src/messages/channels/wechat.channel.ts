import {
  ChannelError,
  fetchJson,
  type MessageChannel,
  type OutgoingMessage,
  providerTemplateId,
  type SendResult,
} from './channel.js';

/**
 * WeChat Official Account template messages (模板消息): an access token from the app id and secret (cached until
 * shortly before it expires, refreshed when WeChat says it is invalid), then `message/template/send` with the
 * template_id and each variable as `data.<name>.value`. `to` is the follower's openid.
 */
export class WechatTemplateChannel implements MessageChannel {
  readonly name = 'wechat';
  readonly kind = 'wechat';
  private token: { value: string; until: number } | null = null;

  constructor(
    private readonly cfg: {
      apiBase: string;
      appId: string;
      appSecret: string;
      templateIds: Record<string, string>;
      /** The page the message opens (the /track link). */
      linkOf?: (m: OutgoingMessage) => string | undefined;
    },
  ) {}

  private async accessToken(): Promise<string> {
    if (this.token && this.token.until > Date.now()) return this.token.value;
    const url = new URL('/cgi-bin/token', this.cfg.apiBase);
    url.search = new URLSearchParams({
      grant_type: 'client_credential',
      appid: this.cfg.appId,
      secret: this.cfg.appSecret,
    }).toString();
    const body = (await fetchJson(url.toString(), { method: 'GET' })) as {
      access_token?: string;
      expires_in?: number;
      errcode?: number;
      errmsg?: string;
    };
    if (!body.access_token)
      throw new ChannelError(`wechat token: ${body.errcode} ${body.errmsg ?? ''}`.trim());
    this.token = { value: body.access_token, until: Date.now() + ((body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  async send(m: OutgoingMessage): Promise<SendResult> {
    const url = new URL('/cgi-bin/message/template/send', this.cfg.apiBase);
    url.searchParams.set('access_token', await this.accessToken());
    const link = this.cfg.linkOf?.(m);
    const payload = {
      touser: m.to,
      template_id: providerTemplateId(this.cfg.templateIds, m.template),
      ...(link ? { url: link } : {}),
      data: Object.fromEntries(Object.entries(m.variables).map(([k, v]) => [k, { value: v }])),
    };
    const body = (await fetchJson(url.toString(), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    })) as { errcode?: number; errmsg?: string; msgid?: number };
    if (!body.errcode)
      return { providerMessageId: body.msgid !== undefined ? String(body.msgid) : undefined };
    // 40001/42001: the token went stale (another server took a new one): fetch again on the retry.
    if (body.errcode === 40001 || body.errcode === 42001) this.token = null;
    const transient = [40001, 42001, 45009, -1].includes(body.errcode);
    throw new ChannelError(`wechat ${body.errcode}: ${body.errmsg ?? ''}`.trim(), !transient);
  }
}

/**
 * WeChat first, SMS otherwise: a customer who bound their phone to the official account (an openid in
 * wechat_bindings) gets the template message; anyone else the text through the SMS channel of
 * MESSAGES_SMS_FALLBACK, or nothing (a permanent failure naming why) when there is none.
 */
export class WechatFirstChannel implements MessageChannel {
  readonly name = 'wechat';
  readonly kind = 'wechat';

  constructor(
    readonly wechat: MessageChannel,
    readonly fallback: MessageChannel | null,
  ) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    if (m.openid) return { ...(await this.wechat.send({ ...m, to: m.openid })), provider: this.wechat.name };
    if (!this.fallback)
      throw new ChannelError(
        '未绑定微信，且未配置短信 / no WeChat follower bound to this phone, and no SMS',
        true,
      );
    return { ...(await this.fallback.send(m)), provider: this.fallback.name };
  }
}
