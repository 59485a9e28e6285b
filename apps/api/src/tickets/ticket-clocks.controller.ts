import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { PauseClockDto, ResumeClockDto } from '../sla/sla.dto.js';
import { TicketClocksService } from './ticket-clocks.service.js';

@ApiTags('sla')
@Controller('tickets')
export class TicketClocksController {
  constructor(private readonly pauses: TicketClocksService) {}

  /** Pauses one clock (customer unreachable, appointment; force majeure by a supervisor) → the order. 409 if not running. */
  @Can('ticket.clock-pause')
  @Post(':id/sla/pause')
  @HttpCode(200)
  pause(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PauseClockDto) {
    return this.pauses.pause(user, id, dto.clock, dto.reason);
  }

  /** Resumes a paused clock → the order; 409 if it is not paused. */
  @Can('ticket.clock-pause')
  @Post(':id/sla/resume')
  @HttpCode(200)
  resume(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: ResumeClockDto) {
    return this.pauses.resume(user, id, dto.clock);
  }
}
