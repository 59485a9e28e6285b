import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Auth, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../auth/auth-user.js';
import { DeclareEmergencyDto, EndEmergencyDto, PauseClockDto, ResumeClockDto } from './sla.dto.js';
import { SlaClockService } from './sla-clock.service.js';
import { SlaEmergencyService } from './sla-emergency.service.js';
import { SlaPauseService } from './sla-pause.service.js';

@ApiTags('sla')
@Controller()
export class SlaController {
  constructor(
    private readonly pauses: SlaPauseService,
    private readonly emergencies: SlaEmergencyService,
    private readonly clocks: SlaClockService,
  ) {}

  /** Pauses one clock (customer unreachable, appointment; force majeure by a supervisor) → the order. 409 if not running. */
  @Auth('agent', 'dispatcher', 'crew', 'supervisor')
  @Post('tickets/:id/sla/pause')
  @HttpCode(200)
  pause(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PauseClockDto) {
    return this.pauses.pause(user, id, dto.clock, dto.reason);
  }

  /** Resumes a paused clock → the order; 409 if it is not paused. */
  @Auth('agent', 'dispatcher', 'crew', 'supervisor')
  @Post('tickets/:id/sla/resume')
  @HttpCode(200)
  resume(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResumeClockDto) {
    return this.pauses.resume(user, id, dto.clock);
  }

  /** Declares an area-wide emergency: every clock of the zones' orders is paused (or exempt) for the window. */
  @Auth('supervisor')
  @Post('sla/emergencies')
  declare(@CurrentUser() user: AuthUser, @Body() dto: DeclareEmergencyDto) {
    return this.emergencies.declare(user, dto);
  }

  /** Ends an emergency now: clocks paused for the rest of the window run again. 409 if it is already over. */
  @Auth('supervisor')
  @Post('sla/emergencies/:id/end')
  @HttpCode(200)
  end(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EndEmergencyDto) {
    return this.emergencies.end(user, id, dto.reason);
  }

  @Auth()
  @Get('sla/emergencies')
  listEmergencies() {
    return this.emergencies.list();
  }

  /** The policy in force (for the apps' display of limits). */
  @Auth()
  @Get('sla/policy')
  policy() {
    return this.clocks.describePolicy();
  }
}
