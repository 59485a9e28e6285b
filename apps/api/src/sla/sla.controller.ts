import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { DeclareEmergencyDto, EndEmergencyDto } from './sla.dto.js';
import { SlaClockService } from './sla-clock.service.js';
import { SlaEmergencyService } from './sla-emergency.service.js';

@ApiTags('sla')
@Controller()
export class SlaController {
  constructor(
    private readonly emergencies: SlaEmergencyService,
    private readonly clocks: SlaClockService,
  ) {}

  /** Declares an area-wide emergency: every clock of the zones' orders is paused (or exempt) for the window. */
  @Can('sla.emergency')
  @Post('sla/emergencies')
  declare(@CurrentUser() user: AuthUser, @Body() dto: DeclareEmergencyDto) {
    return this.emergencies.declare(user, dto);
  }

  /** Ends an emergency now: clocks paused for the rest of the window run again. 409 if it is already over. */
  @Can('sla.emergency')
  @Post('sla/emergencies/:id/end')
  @HttpCode(200)
  end(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: EndEmergencyDto) {
    return this.emergencies.end(user, id, dto.reason);
  }

  @Can('sla.read')
  @Get('sla/emergencies')
  listEmergencies() {
    return this.emergencies.list();
  }

  /** The policy in force (for the apps' display of limits). */
  @Can('sla.read')
  @Get('sla/policy')
  policy() {
    return this.clocks.describePolicy();
  }
}
