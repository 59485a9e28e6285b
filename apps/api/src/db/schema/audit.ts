import type { AuditAction, AuditEntity } from '@gd/domain';
import { bigserial, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { createdAt } from './_columns.js';

/**
 * Append-only audit trail, written in the same transaction as the change it records.
 * A trigger (migration 0001) makes the database refuse UPDATE, DELETE and TRUNCATE on it.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    at: createdAt(),
    actorId: uuid(),
    action: text().$type<AuditAction>().notNull(),
    entity: text().$type<AuditEntity>().notNull(),
    entityId: text(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index().on(t.at), index().on(t.entity, t.entityId), index().on(t.actorId, t.at)],
);
