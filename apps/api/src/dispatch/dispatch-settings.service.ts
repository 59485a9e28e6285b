import { Injectable } from '@nestjs/common';
import { AuditRepository } from '../audit/audit.repository.js';
import type { AuthUser } from '../common/auth-user.js';
import type { DatabaseHandle, DatabaseOrTransaction } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { inTransaction } from '../db/transaction.js';
import { RealtimeService } from '../realtime/realtime.service.js';
import { SharedCache } from '../realtime/shared-cache.js';
import type { DispatchSettingsDto } from './dispatch.dto.js';
import { DispatchRepository } from './dispatch.repository.js';

export interface DispatchSettings {
  autoDispatch: boolean;
  geofenceRadiusM: number;
}
export const DEFAULT_DISPATCH_SETTINGS: DispatchSettings = { autoDispatch: false, geofenceRadiusM: 150 };
const SETTINGS_KEY = 'dispatch';

/** The dispatch settings (auto-dispatch on or off, the arrival geofence): read through a shared cache, audited. */
@Injectable()
export class DispatchSettingsService {
  private readonly cached: SharedCache<DispatchSettings>;

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly repo: DispatchRepository,
    private readonly audit: AuditRepository,
    realtime: RealtimeService,
  ) {
    // The planner and the geofence ask on every run and every fix.
    this.cached = new SharedCache('dispatch-settings', 10_000, (db) => this.read(db), realtime);
  }

  /** The settings in force; inside a transaction (`db` given) read from it, else from the node's cache. */
  get(db?: DatabaseOrTransaction): Promise<DispatchSettings> {
    return db ? this.read(db) : this.cached.get(this.database.db);
  }

  private async read(db: DatabaseOrTransaction): Promise<DispatchSettings> {
    const stored = await this.repo.getSetting<Partial<DispatchSettings>>(db, SETTINGS_KEY);
    return { ...DEFAULT_DISPATCH_SETTINGS, ...(stored ?? {}) };
  }

  async update(actor: AuthUser, dto: DispatchSettingsDto): Promise<DispatchSettings> {
    const updated = await inTransaction(this.database.db, async (tx) => {
      const before = await this.get(tx);
      const after = { ...before, ...dto };
      await this.repo.putSetting(tx, SETTINGS_KEY, after, actor.id);
      await this.audit.record(tx, {
        actorId: actor.id,
        action: 'settings.dispatch',
        entity: 'settings',
        entityId: SETTINGS_KEY,
        before,
        after,
      });
      return after;
    });
    this.cached.invalidate();
    return updated;
  }
}
