import { rooms } from '@gd/domain';
import { Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { isNotNull } from 'drizzle-orm';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';
import { staff } from '../db/schema/index.js';
import { RealtimeService } from '../realtime/realtime.service.js';

const REFRESH_MS = 60_000;

/**
 * Who is in which team, held by each node so an order's events can go to the teams of its first responder and
 * owner (their team queues) without a read per event. Read again when any account changes (`staff.changed`, from
 * any node) and every minute as a backstop.
 */
@Injectable()
export class TeamDirectory implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Teams');
  private teamOf = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly realtime: RealtimeService,
  ) {}

  async onModuleInit() {
    this.realtime.onNodeEvent('staff.changed', () => void this.reload());
    this.timer = setInterval(() => void this.reload(), REFRESH_MS).unref();
    await this.reload();
  }

  onModuleDestroy() {
    if (this.timer) clearInterval(this.timer);
  }

  /** The team rooms of these staff members (none for those without a team). */
  roomsOf(...staffIds: string[]): string[] {
    return staffIds.flatMap((id) => {
      const team = this.teamOf.get(id);
      return team ? [rooms.team(team)] : [];
    });
  }

  private async reload() {
    try {
      const rows = await this.database.db
        .select({ id: staff.id, team: staff.team })
        .from(staff)
        .where(isNotNull(staff.team));
      this.teamOf = new Map(rows.map((r) => [r.id, r.team!]));
    } catch (err) {
      this.logger.warn(`teams not read (kept the last ones): ${(err as Error).message}`);
    }
  }
}
