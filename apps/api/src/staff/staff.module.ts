import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { AuthModule } from '../auth/auth.module.js';
import { RealtimeModule } from '../realtime/realtime.module.js';
import { StaffController } from './staff.controller.js';
import { StaffService } from './staff.service.js';
import { TeamDirectory } from './team-directory.js';

/** Staff administration (accounts, roles, crews, districts, teams) and the team directory the queues use. */
@Module({
  imports: [AuditModule, AuthModule, RealtimeModule],
  controllers: [StaffController],
  providers: [StaffService, TeamDirectory],
  exports: [AuthModule, TeamDirectory],
})
export class StaffModule {}
