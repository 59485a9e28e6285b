import { z } from 'zod';
import { normalizePhone } from './common/phone.js';

const phoneList = (s: string) =>
  s
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);

const count = (fallback: number) => z.coerce.number().int().min(0).default(fallback);

/**
 * The environment of the customer messages (docs/messages.md), merged into the app's Config (config.ts).
 * Credentials come only from here; none has a default.
 */
export const MESSAGES_ENV = {
  /** Where messages go: `log` prints them to the server log (default; what demo mode shows). */
  MESSAGES_CHANNEL: z.enum(['log', 'aliyun', 'tencent', 'wechat']).default('log'),
  /**
   * With MESSAGES_CHANNEL=wechat: the SMS channel for phones bound to no WeChat follower (and for the one-time code
   * that binds one); `none` = those get nothing.
   */
  MESSAGES_SMS_FALLBACK: z.enum(['none', 'log', 'aliyun', 'tencent']).default('log'),
  /** The approved SMS signature, shown as 【…】 before every text. */
  MESSAGES_SIGN_NAME: z.string().min(2).default('长沙供电公司'),
  /** Routine messages wait outside this local window ("22:00-07:00"; "off" = none). Outages always go. */
  MESSAGES_QUIET_HOURS: z
    .string()
    .regex(/^(off|\d{2}:\d{2}-\d{2}:\d{2})$/, 'must look like 22:00-07:00, or off')
    .default('22:00-07:00'),
  /** Routine messages sent to one number within an hour, beyond which more are suppressed. */
  MESSAGES_RATE_LIMIT_PER_HOUR: count(6),
  MESSAGES_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  /** First retry delay; doubled per attempt up to an hour. */
  MESSAGES_RETRY_SECONDS: z.coerce.number().positive().default(30),
  /** How long a worker owns a claimed message before another node may take it over (a node that died mid-send). */
  MESSAGES_LEASE_SECONDS: z.coerce.number().positive().default(60),
  /** Messages a node sends a second at most: the provider account's rate, and CPU left for the call path. */
  MESSAGES_SEND_PER_SECOND: z.coerce.number().positive().default(200),
  /**
   * Customers an outage's fan-out goes through a second (writing their messages and send jobs): a tenth of a
   * second's worth a page, then a pause. 500: 5,000 written in ~10 s at ~15 % of a core (2-core box), still ahead
   * of sending at MESSAGES_SEND_PER_SECOND, so writing faster would only queue the messages sooner.
   */
  MESSAGES_FAN_OUT_PER_SECOND: z.coerce.number().int().min(10).max(100_000).default(500),
  /** How often each node's worker polls the outbox (0 = never: tests drive it). */
  MESSAGES_POLL_MS: count(1000),
  /** Shared secret of the SMS reply callback (POST /api/messages/replies, header x-messages-token); unset = off. */
  MESSAGES_INBOUND_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /** Staff phones told when an order breaches an SLA time limit (comma-separated; none by default). */
  MESSAGES_ESCALATION_TO: z
    .string()
    .refine((s) => phoneList(s).every((p) => normalizePhone(p)), 'must be phone numbers separated by commas')
    .transform(phoneList)
    .default([]),
  /** The public address customers follow their order at (the /track link in messages). */
  PUBLIC_BASE_URL: z.url().default('http://localhost:8080'),
  /** Provider template ids by our template code, JSON: {"order_accepted":"SMS_123456"}. */
  MESSAGES_TEMPLATE_IDS: z
    .string()
    .default('{}')
    .transform((s, ctx) => {
      try {
        const v = JSON.parse(s) as unknown;
        if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, string>;
      } catch {}
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object of template code → provider id' });
      return z.NEVER;
    }),
  /** The staff account that public reports (/report, Open311) are taken in by: their first responder. */
  PUBLIC_INTAKE_USERNAME: z.string().min(1).default('agent1'),
  /** Requests a minute per client on the public routes (/api/public, /open311); an Open311 api_key gets 10×. */
  PUBLIC_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** One-time codes a minute per client (each phone also gets at most one a minute and five an hour). */
  PUBLIC_CODES_PER_MINUTE: z.coerce.number().int().positive().default(5),
  /** Open311 api_key values given to integrations (comma-separated). */
  OPEN311_API_KEYS: z
    .string()
    .default('')
    .transform((s) =>
      s
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
    ),
  ALIYUN_ACCESS_KEY_ID: z.string().optional(),
  ALIYUN_ACCESS_KEY_SECRET: z.string().optional(),
  ALIYUN_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com/'),
  TENCENT_SECRET_ID: z.string().optional(),
  TENCENT_SECRET_KEY: z.string().optional(),
  TENCENT_SMS_APP_ID: z.string().optional(),
  TENCENT_SMS_REGION: z.string().default('ap-guangzhou'),
  TENCENT_SMS_ENDPOINT: z.url().default('https://sms.tencentcloudapi.com/'),
  WECHAT_APP_ID: z.string().optional(),
  WECHAT_APP_SECRET: z.string().optional(),
  WECHAT_API_BASE: z.url().default('https://api.weixin.qq.com'),
};
