import { Module } from '@nestjs/common';
import { ReportsController } from './reports.controller.js';
import { SlaReportRepository } from './sla-report.repository.js';
import { SlaReportService } from './sla-report.service.js';

/** Read-only figures for supervisors, computed in SQL. */
@Module({
  controllers: [ReportsController],
  providers: [SlaReportRepository, SlaReportService],
})
export class ReportsModule {}
