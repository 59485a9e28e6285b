import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { PauseRequestsQuery, RefusePauseDto, RequestPauseDto } from './pause-requests.dto.js';
import { TicketPauseRequestsService } from './ticket-pause-requests.service.js';

@ApiTags('sla')
@Controller()
export class TicketPauseRequestsController {
  constructor(private readonly requests: TicketPauseRequestsService) {}

  /** Asks a supervisor to pause one clock of the order → 201 the request; 409 if one is already pending. */
  @Can('sla.pause-request')
  @Post('tickets/:id/sla/pause-requests')
  request(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: RequestPauseDto,
  ) {
    return this.requests.request(user, id, dto);
  }

  /** The queue: pending requests oldest first (or decided ones, newest first). */
  @Can('sla.pause-decide')
  @Get('sla/pause-requests')
  list(@Query() q: PauseRequestsQuery) {
    return this.requests.list(q);
  }

  /** Pauses the clock as asked (timeline, audit) and tells the requester; 409 if already decided. */
  @Can('sla.pause-decide')
  @Post('sla/pause-requests/:id/approve')
  @HttpCode(200)
  approve(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.requests.approve(user, id);
  }

  /** Refuses with a reason, told to the requester; 409 if already decided. */
  @Can('sla.pause-decide')
  @Post('sla/pause-requests/:id/refuse')
  @HttpCode(200)
  refuse(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: RefusePauseDto) {
    return this.requests.refuse(user, id, dto);
  }
}
