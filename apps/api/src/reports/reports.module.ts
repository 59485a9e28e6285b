import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SlaModule } from '../sla/sla.module.js';
import { AuditController } from './audit.controller.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';
import { ReportsController } from './reports.controller.js';
import { SlaReportRepository } from './sla-report.repository.js';
import { SlaReportService } from './sla-report.service.js';
import { SlaReportRollupService } from './sla-report-rollup.service.js';

/** Read-only views for supervisors: the dashboard (live, overview, agents), the SLA report, the audit trail. */
@Module({
  imports: [AuditModule, SlaModule],
  controllers: [AuditController, DashboardController, ReportsController],
  providers: [
    DashboardRepository,
    DashboardService,
    SlaReportRepository,
    SlaReportService,
    SlaReportRollupService,
  ],
})
export class ReportsModule {}
