import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { CreateOutageDto, ListOutagesQuery } from './outages.dto.js';
import { OutagesService } from './outages.service.js';

@ApiTags('outages')
@Controller('outages')
export class OutagesController {
  constructor(private readonly outages: OutagesService) {}

  @Can('outage.publish')
  @ApiOperation({ summary: 'Publish a planned or fault outage' })
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateOutageDto) {
    return this.outages.create(user, dto);
  }

  @Can('outage.read')
  @ApiOperation({ summary: 'Outages, optionally only those in force and covering a point' })
  @Get()
  list(@Query() q: ListOutagesQuery) {
    return this.outages.list(q);
  }

  @Can('outage.restore')
  @ApiOperation({ summary: 'Restore an outage, its master order and the children' })
  @HttpCode(200)
  @Post(':id/restore')
  restore(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string) {
    return this.outages.restore(user, id);
  }
}
