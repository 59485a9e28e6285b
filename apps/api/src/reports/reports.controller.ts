import { Controller, Get, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can } from '../auth/auth.decorators.js';
import { SlaReportQuery } from './reports.dto.js';
import { SlaReportService } from './sla-report.service.js';

@ApiTags('reports')
@Controller('reports')
export class ReportsController {
  constructor(private readonly slaReport: SlaReportService) {}

  /** SLA compliance of orders created in [from, to), per zone class, district or crew; adjusted and raw rates. */
  @Can('report.sla')
  @Get('sla')
  sla(@Query() q: SlaReportQuery) {
    return this.slaReport.sla(q);
  }
}
