import { Body, Controller, Get, Param, ParseUUIDPipe, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { Can, CurrentUser } from '../auth/auth.decorators.js';
import type { AuthUser } from '../common/auth-user.js';
import { CreateStaffDto, ListStaffQuery, UpdateStaffDto } from './staff.dto.js';
import { StaffService } from './staff.service.js';

@ApiTags('staff')
@Controller('staff')
export class StaffController {
  constructor(private readonly staff: StaffService) {}

  /** Names and roles only, for hand-off pickers and "who did this" labels; no secrets are ever returned. */
  @Can('staff.read')
  @Get()
  list(@Query() q: ListStaffQuery) {
    return this.staff.list(q.role);
  }

  @Can('staff.manage')
  @Post()
  create(@CurrentUser() actor: AuthUser, @Body() dto: CreateStaffDto) {
    return this.staff.create(actor, dto);
  }

  @Can('staff.manage')
  @Patch(':id')
  update(
    @CurrentUser() actor: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() dto: UpdateStaffDto,
  ) {
    return this.staff.update(actor, id, dto);
  }
}
