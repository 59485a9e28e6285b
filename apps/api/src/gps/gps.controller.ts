import type { PositionBatchResult, TrailPoint } from '@gd/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { TrailQuery } from '../crews/crews.dto.js';
import { GpsService } from './gps.service.js';

@ApiTags('gps')
@Controller('crews')
export class GpsController {
  constructor(private readonly gps: GpsService) {}

  @Can('position.post')
  @Post(':id/positions')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Post a batch of GPS fixes, oldest first',
    description:
      'A crew member posts for their own crew (admins for any crew, to replay device logs). Each fix is checked ' +
      'alone: bad ones are listed in `rejected` with a reason (lat/lng out of range or not numbers, recordedAt ' +
      'in the future beyond 2 min or older than the retention, accuracy over 500 m "inaccurate", "duplicate").',
  })
  @ApiBody({ schema: { type: 'array', items: { type: 'object' } } })
  positions(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: unknown,
  ): Promise<PositionBatchResult> {
    return this.gps.ingest(user, id, body);
  }

  @Can('position.trail')
  @Get(':id/trail')
  @ApiOperation({ summary: 'GPS trail between from and to (default the last 24 h), oldest first' })
  trail(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() q: TrailQuery,
  ): Promise<TrailPoint[]> {
    return this.gps.trail(user, id, q);
  }
}
