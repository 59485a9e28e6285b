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
    this.logger.log(`→ ${m.to} 【${this.signName}】${m.text}`);
    this.sent.push({ ...m, at: new Date() });
    if (this.sent.length > 1000) this.sent.splice(0, this.sent.length - 1000);
    return { providerMessageId: `log-${m.id}` };
  }
}
