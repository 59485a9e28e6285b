import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { CreateCallDto, UpdateCallDto } from './calls.dto.js';
import { CallsService } from './calls.service.js';

@ApiTags('calls')
@Controller('calls')
export class CallsController {
  constructor(private readonly calls: CallsService) {}

  @Can('call.take')
  @ApiOperation({
    summary: "Log a call; answers the screen pop (caller's open orders, outages over their address)",
  })
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCallDto) {
    return this.calls.create(user, dto);
  }

  @Can('call.take')
  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string) {
    return this.calls.get(id);
  }

  @Can('call.take')
  @ApiOperation({
    summary: "Outcome, linked order, notes or end of a call (the call's agent or a supervisor)",
  })
  @Patch(':id')
  update(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Body() dto: UpdateCallDto) {
    return this.calls.update(user, id, dto);
  }
}
