import type { AuditAction, AuditEntity } from '@gd/domain';
import { Injectable } from '@nestjs/common';
import { and, count, desc, eq, getTableColumns, gte, lt } from 'drizzle-orm';
import type { DatabaseOrTransaction } from '../db/client.js';
import { auditLog } from '../db/schema/index.js';

export interface AuditRecord {
  actorId: string | null;
  action: AuditAction;
  entity: AuditEntity;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

const { actorId, action, entity, entityId, before, after } = getTableColumns(auditLog);
/** The columns an audit record is written with (for statements prepared with placeholdersFor). */
export const AUDIT_COLUMNS = { actorId, action, entity, entityId, before, after };

export interface AuditFilter {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: Date;
  to?: Date;
  page: number;
  pageSize: number;
}

@Injectable()
export class AuditRepository {
  /** Call inside the transaction that makes the change, so the record and the change land together. */
  async record(db: DatabaseOrTransaction, entry: AuditRecord) {
    await db.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
  }

  async list(db: DatabaseOrTransaction, f: AuditFilter) {
    const where = and(
      f.entity ? eq(auditLog.entity, f.entity as AuditEntity) : undefined,
      f.entityId ? eq(auditLog.entityId, f.entityId) : undefined,
      f.actorId ? eq(auditLog.actorId, f.actorId) : undefined,
      f.action ? eq(auditLog.action, f.action as AuditAction) : undefined,
      f.from ? gte(auditLog.at, f.from) : undefined,
      f.to ? lt(auditLog.at, f.to) : undefined,
    );
    const [items, [total]] = await Promise.all([
      db
        .select()
        .from(auditLog)
        .where(where)
        .orderBy(desc(auditLog.id))
        .limit(f.pageSize)
        .offset((f.page - 1) * f.pageSize),
      db.select({ n: count() }).from(auditLog).where(where),
    ]);
    return { items, total: total?.n ?? 0 };
  }
}
