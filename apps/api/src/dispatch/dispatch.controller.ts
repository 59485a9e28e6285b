import type { BacklogEntry, Ticket } from '@gd/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { AssignmentService } from './assignment.service.js';
import { CandidatesService, type CandidateView } from './candidates.service.js';
import { CandidatesQuery, DispatchDto, DispatchSettingsDto } from './dispatch.dto.js';
import { type DispatchSettings, DispatchSettingsService } from './dispatch-settings.service.js';
import { PlannerService } from './planner.service.js';

@ApiTags('dispatch')
@Controller()
export class DispatchController {
  constructor(
    private readonly candidatesOf: CandidatesService,
    private readonly assignments: AssignmentService,
    private readonly settings: DispatchSettingsService,
    private readonly planner: PlannerService,
  ) {}

  @Can('dispatch.candidates')
  @Get('tickets/:id/candidates')
  @ApiOperation({
    summary: 'Crews ranked for an order, soonest arrival first',
    description:
      'Eligible: every required skill, available (or with allowPreemption on an urgent order, dispatched/en ' +
      'route elsewhere), on shift. ETA = straight-line km × 1.3 ÷ zone speed (urban 25, rural 40, remote 30 km/h)' +
      ' + 5 min, or OSRM road time for the top 10 when OSRM_URL is set. includeIneligible appends the nearest ' +
      'crews that cannot go, with `reason`.',
  })
  candidates(@Param('id', ParseUUIDPipe) id: string, @Query() q: CandidatesQuery): Promise<CandidateView[]> {
    return this.candidatesOf.candidates(id, q);
  }

  @Can('dispatch.assign')
  @Post('tickets/:id/dispatch')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Send a crew (or, without crewId, the best candidate); reassigning releases the previous crew',
    description:
      '409: crew off duty, busy, off shift, already on the order, or no candidate; 422: the crew has none of ' +
      'the skills needed, or the order is not a repair order. `additional: true` adds a crew to a combined order.',
  })
  send(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: DispatchDto,
  ): Promise<Ticket> {
    return this.assignments.dispatch(user, id, dto);
  }

  @Can('dispatch.backlog')
  @Get('dispatch/backlog')
  @ApiOperation({
    summary:
      'Fault orders waiting for a crew, most urgent first, with the planner’s proposal or why there is none',
    description:
      'Waiting: a fault order accepted with no crew (children of a master order excluded). Most urgent: priority, ' +
      'then sensitive customers, then the arrival clock due first. `proposalKind` dispatch: `proposedCrewId`/' +
      '`proposedEtaMinutes` is the free crew the planner would send now. `proposalKind` hold (reason ' +
      'held_for_busy_crew): the busy crew the order is held for, expected there sooner than any free crew left without an order ' +
      '(`expectedFreeAt`, then the drive: `proposedEtaMinutes`); it is sent to it once free and cannot be ' +
      'dispatched to it before (409), another crew can. Otherwise `reason` ∈ no_location, no_skilled_crew, ' +
      'no_crew_on_duty, off_shift, crews_busy, crews_taken (the free crews went to more urgent orders), held_back ' +
      '(its arrival is already late and its restoration can wait: the free crews are kept for orders they can ' +
      'still reach in time).',
  })
  backlog(): Promise<BacklogEntry[]> {
    return this.planner.backlog();
  }

  @Can('dispatch.settings')
  @Get('dispatch/settings')
  getSettings(): Promise<DispatchSettings> {
    return this.settings.get();
  }

  @Can('dispatch.settings')
  @Put('dispatch/settings')
  putSettings(@CurrentUser() user: AuthUser, @Body() dto: DispatchSettingsDto): Promise<DispatchSettings> {
    return this.settings.update(user, dto);
  }
}
