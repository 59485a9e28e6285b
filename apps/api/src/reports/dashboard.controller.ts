import { Controller, Get, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { OverviewQuery, ReportRangeQuery } from './dashboard.dto.js';
import { DashboardService } from './dashboard.service.js';

@ApiTags('reports')
@Controller('reports')
export class DashboardController {
  constructor(private readonly reports: DashboardService) {}

  @Can('dashboard.live')
  @ApiOperation({
    summary:
      'Live tiles: open orders by status and zone class, clocks breaching or about to, crews, calls, outages',
  })
  @Get('dashboard/live')
  live() {
    return this.reports.live();
  }

  @Can('dashboard.read')
  @ApiOperation({
    summary:
      'Historical overview of the orders created in [from, to): dispatch times, repeat calls, satisfaction, reopen and manual-arrival rates, daily trend, districts, arrival histogram',
  })
  @Get('overview')
  overview(@Query() q: OverviewQuery) {
    return this.reports.overview(q);
  }

  @Can('agent.own-figures')
  @ApiOperation({
    summary: "The signed-in agent's own first-responder figures for the orders created in [from, to)",
  })
  @Get('agents/me')
  myFigures(@CurrentUser() user: AuthUser, @Query() q: ReportRangeQuery) {
    return this.reports.agentFigures(user, q);
  }

  @Can('report.agents')
  @ApiOperation({ summary: 'Per first responder (首问责任人) figures for the orders created in [from, to)' })
  @Get('agents')
  agents(@Query() q: ReportRangeQuery) {
    return this.reports.agents(q);
  }
}
