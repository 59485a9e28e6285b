import { pgTable, text } from 'drizzle-orm/pg-core';
import { at, createdAt } from './_columns.js';

/**
 * A phone's WeChat follower (openid) for the WeChat template channel: written when the customer, on the public page
 * opened inside WeChat (web authorisation gives the openid), proves the phone with a one-time code.
 */
export const wechatBindings = pgTable('wechat_bindings', {
  /** E.164, as messages.to holds it. */
  phone: text().primaryKey(),
  openid: text().notNull(),
  boundAt: at().notNull().defaultNow(),
  createdAt: createdAt(),
});
