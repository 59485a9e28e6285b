import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID } from 'class-validator';
import { ListLimit } from '../common/pagination.js';
import type { MessageRow } from './messages.repository.js';

export const MESSAGE_STATUSES = ['queued', 'sent', 'failed', 'suppressed', 'dead'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

export class ListMessagesQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: MESSAGE_STATUSES, description: '`dead`: failed for good (the dead letters)' })
  @IsOptional()
  @IsIn(MESSAGE_STATUSES)
  status?: MessageStatus;

  @ListLimit()
  limit?: number;
}

/**
 * A message as staff read it (docs/messages.md); one being sent right now reads as queued. A one-time code is
 * never shown: it proves the customer holds the phone, and staff have no need of it.
 */
export function toMessage(m: MessageRow, now = new Date()) {
  const secret = m.template === 'verification_code' ? m.variables.code : undefined;
  return {
    id: m.id,
    ticketId: m.ticketId,
    customerId: m.customerId,
    outageId: m.outageId,
    to: m.to,
    channel: m.channel,
    template: m.template,
    text: secret ? m.text.replaceAll(secret, '******') : m.text,
    status: (m.status === 'sending' ? 'queued' : m.status) as MessageStatus,
    attempts: m.attempts,
    createdAt: m.createdAt.toISOString(),
    ...(m.status === 'queued' || m.status === 'failed'
      ? { nextAttemptAt: m.nextAttemptAt.toISOString() }
      : {}),
    // A routine message waiting for the end of quiet hours says so: at night the log channel shows nothing yet.
    ...(m.status === 'queued' && m.routine && m.nextAttemptAt > now
      ? { heldUntil: m.nextAttemptAt.toISOString(), heldFor: 'quiet_hours' as const }
      : {}),
    ...(m.sentAt ? { sentAt: m.sentAt.toISOString() } : {}),
    ...(m.error ? { error: m.error } : {}),
  };
}

export class OptOutDto {
  @ApiProperty({ description: 'true: the customer wants no more messages (退订)' })
  @IsBoolean()
  optOut: boolean;
}

/** A reply to our SMS, as the providers' reply callbacks deliver it (Tencent: mobile, nationcode, text). */
export interface SmsReply {
  mobile?: unknown;
  nationcode?: unknown;
  text?: unknown;
}

/** Replies that mean "no more messages": 退订, TD, T, N, STOP (any case, spaces ignored). */
export function isUnsubscribe(text: string): boolean {
  return /^(退订|TD|T|N|STOP|UNSUBSCRIBE)$/i.test(text.replace(/\s+/g, ''));
}
