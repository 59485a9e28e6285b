import type { Config } from '../../config.js';
import { TEMPLATES } from '../templates.js';
import { AliyunSmsChannel } from './aliyun.channel.js';
import type { MessageChannel } from './channel.js';
import { LogChannel } from './log.channel.js';
import { TencentSmsChannel } from './tencent.channel.js';
import { WechatFirstChannel, WechatTemplateChannel } from './wechat.channel.js';

export type { MessageChannel, OutgoingMessage } from './channel.js';
export { ChannelError } from './channel.js';
export { LogChannel } from './log.channel.js';
export { WechatFirstChannel } from './wechat.channel.js';

/** The channel MESSAGES_CHANNEL names, with its credentials from the environment; a missing one stops the start. */
export function channelFromConfig(config: Config): MessageChannel {
  const need = (name: keyof Config) => {
    const v = config[name];
    if (typeof v !== 'string' || !v)
      throw new Error(`MESSAGES_CHANNEL=${config.MESSAGES_CHANNEL} needs ${name}`);
    return v;
  };
  switch (config.MESSAGES_CHANNEL) {
    case 'aliyun':
      return new AliyunSmsChannel({
        endpoint: config.ALIYUN_SMS_ENDPOINT,
        accessKeyId: need('ALIYUN_ACCESS_KEY_ID'),
        accessKeySecret: need('ALIYUN_ACCESS_KEY_SECRET'),
        signName: config.MESSAGES_SIGN_NAME,
        templateIds: config.MESSAGES_TEMPLATE_IDS,
      });
    case 'tencent':
      return new TencentSmsChannel({
        endpoint: config.TENCENT_SMS_ENDPOINT,
        secretId: need('TENCENT_SECRET_ID'),
        secretKey: need('TENCENT_SECRET_KEY'),
        region: config.TENCENT_SMS_REGION,
        appId: need('TENCENT_SMS_APP_ID'),
        signName: config.MESSAGES_SIGN_NAME,
        templateIds: config.MESSAGES_TEMPLATE_IDS,
        variableOrder: (code) => TEMPLATES[code].variables,
      });
    case 'wechat': {
      const wechat = new WechatTemplateChannel({
        apiBase: config.WECHAT_API_BASE,
        appId: need('WECHAT_APP_ID'),
        appSecret: need('WECHAT_APP_SECRET'),
        templateIds: config.MESSAGES_TEMPLATE_IDS,
        linkOf: (m) => m.variables.link,
      });
      const sms = config.MESSAGES_SMS_FALLBACK;
      return new WechatFirstChannel(
        wechat,
        sms === 'none' ? null : channelFromConfig({ ...config, MESSAGES_CHANNEL: sms }),
      );
    }
    default:
      return new LogChannel(config.MESSAGES_SIGN_NAME);
  }
}
