import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module.js';
import { DashboardController } from './dashboard.controller.js';
import { DashboardRepository } from './dashboard.repository.js';
import { DashboardService } from './dashboard.service.js';
import { ReportsController } from './reports.controller.js';
import { SlaReportRepository } from './sla-report.repository.js';
import { SlaReportService } from './sla-report.service.js';

/** Read-only figures computed in SQL: the supervisors' dashboard (live, overview, agents) and the SLA report. */
@Module({
  imports: [SlaModule],
  controllers: [DashboardController, ReportsController],
  providers: [DashboardRepository, DashboardService, SlaReportRepository, SlaReportService],
})
export class ReportsModule {}
