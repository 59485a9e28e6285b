import { createHash, randomBytes } from 'node:crypto';
import { Injectable, NotFoundException } from '@nestjs/common';
import type { Config } from '../config.js';
import { InjectConfig } from '../config.module.js';
import { ChannelError, fetchJson } from '../messages/channels/channel.js';

/**
 * WeChat web authorisation (网页授权, scope snsapi_base): the public page opened inside WeChat sends the customer
 * to WeChat's authorize URL, which comes back to the page with a `code`; the server trades it for the follower's
 * openid (sns/oauth2/access_token). Without WECHAT_APP_ID, in demo and tests, a local stand-in plays WeChat:
 * the authorize URL comes straight back with a code, and each code stands for its own openid. Otherwise (no
 * account and not demo) binding is off: 404.
 */
@Injectable()
export class WechatOAuth {
  constructor(@InjectConfig() private readonly config: Config) {}

  private get mode(): 'wechat' | 'local' | 'off' {
    if (this.config.WECHAT_APP_ID && this.config.WECHAT_APP_SECRET) return 'wechat';
    return this.config.demo ? 'local' : 'off';
  }

  private off() {
    return new NotFoundException('微信绑定未开通 / WeChat binding is not configured');
  }

  /** Where to send the customer to authorise: back to `/track/<number>` with `code` and `state=wechat`. */
  authorizeUrl(number: string): string {
    const back = `${this.config.PUBLIC_BASE_URL.replace(/\/$/, '')}/track/${encodeURIComponent(number)}`;
    const mode = this.mode;
    if (mode === 'off') throw this.off();
    if (mode === 'local') return `${back}?code=local-${randomBytes(9).toString('base64url')}&state=wechat`;
    const q = new URLSearchParams({
      appid: this.config.WECHAT_APP_ID!,
      redirect_uri: back,
      response_type: 'code',
      scope: 'snsapi_base',
      state: 'wechat',
    });
    return `https://open.weixin.qq.com/connect/oauth2/authorize?${q}#wechat_redirect`;
  }

  /** The follower's openid for an authorisation code (each code works once, for five minutes, at WeChat). */
  async openidFor(code: string): Promise<string> {
    const mode = this.mode;
    if (mode === 'off') throw this.off();
    if (mode === 'local') return `local-${createHash('sha256').update(code).digest('hex').slice(0, 24)}`;
    const url = new URL('/sns/oauth2/access_token', this.config.WECHAT_API_BASE);
    url.search = new URLSearchParams({
      appid: this.config.WECHAT_APP_ID!,
      secret: this.config.WECHAT_APP_SECRET!,
      code,
      grant_type: 'authorization_code',
    }).toString();
    const body = (await fetchJson(url.toString(), { method: 'GET' }).catch((err: unknown) => {
      throw err instanceof ChannelError ? new Error(`wechat oauth: ${err.message}`) : err;
    })) as { openid?: string; errcode?: number; errmsg?: string };
    if (!body.openid) throw new WechatCodeError(`${body.errcode ?? ''} ${body.errmsg ?? ''}`.trim());
    return body.openid;
  }
}

/** WeChat refused the code (used, expired, or not ours). */
export class WechatCodeError extends Error {}
