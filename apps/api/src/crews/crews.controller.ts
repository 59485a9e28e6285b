import type { Crew } from '@gd/domain';
import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { CreateCrewDto, CrewStatusDto, UpdateCrewDto } from './crews.dto.js';
import { CrewsService } from './crews.service.js';

@ApiTags('crews')
@Controller('crews')
export class CrewsController {
  constructor(private readonly crews: CrewsService) {}

  @Can('crew.list')
  @Get()
  @ApiOperation({ summary: 'Every crew with its status, depot, live position and current order' })
  list(): Promise<Crew[]> {
    return this.crews.list();
  }

  @Can('crew.read-own')
  @Get('me')
  @ApiOperation({ summary: 'The signed-in crew member’s crew and its current order (phone view)' })
  me(@CurrentUser() user: AuthUser): Promise<Crew> {
    return this.crews.mine(user);
  }

  @Can('crew.read')
  @Get(':id')
  @ApiOperation({ summary: 'One crew (a crew member: their own crew only)' })
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Crew> {
    return this.crews.getFor(user, id);
  }

  @Can('crew.manage')
  @Post()
  create(@CurrentUser() user: AuthUser, @Body() dto: CreateCrewDto): Promise<Crew> {
    return this.crews.create(user, dto);
  }

  @Can('crew.manage')
  @Patch(':id')
  update(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateCrewDto,
  ): Promise<Crew> {
    return this.crews.update(user, id, dto);
  }

  @Can('crew.duty')
  @Post(':id/status')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Go on duty (available) or off duty',
    description:
      '409 while the crew is assigned to an order: the order decides its status until it is released.',
  })
  status(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: CrewStatusDto,
  ): Promise<Crew> {
    return this.crews.setStatus(user, id, dto);
  }
}
