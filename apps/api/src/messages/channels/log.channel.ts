import { Logger } from '@nestjs/common';
import type { MessageChannel, OutgoingMessage, SendResult } from './channel.js';

/**
 * The built-in channel (default, and what demo mode uses): prints each message to the server log as a phone would
 * show it and keeps the latest in memory, so `npm start` shows every message without any account.
 */
export class LogChannel implements MessageChannel {
  readonly name = 'log';
  readonly kind = 'sms';
  private readonly logger = new Logger('Messages');
  /** The newest messages sent through this node, newest last (tests and the demo read them). */
  readonly sent: (OutgoingMessage & { at: Date })[] = [];

  constructor(private readonly signName: string) {}

  async send(m: OutgoingMessage): Promise<SendResult> {
    // The number masked: the server log holds no personal data (common/logger.ts), the text shows what was sent.
    this.logger.log(`→ ${maskPhone(m.to)} 【${this.signName}】${m.text}`);
    this.sent.push({ ...m, at: new Date() });
    if (this.sent.length > 1000) this.sent.splice(0, this.sent.length - 1000);
    return { providerMessageId: `log-${m.id}` };
  }
}

/** +8613812345678 → 138****5678: enough to tell messages apart in a log, not a number to call. */
export function maskPhone(to: string): string {
  const digits = to.replace(/^\+86/, '');
  return digits.length >= 7 ? `${digits.slice(0, 3)}****${digits.slice(-4)}` : '****';
}
