import { Controller, Get, Query } from '@nestjs/common';
import { ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDate, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AuditRepository } from '../audit/audit.repository.js';
import { Can } from '../auth/auth.decorators.js';
import { PageQuery } from '../common/pagination.js';
import type { DatabaseHandle } from '../db/client.js';
import { InjectDatabase } from '../db/database.module.js';

export class AuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entity?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() actorId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) action?: string;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate() from?: Date;
  @ApiPropertyOptional() @IsOptional() @Type(() => Date) @IsDate() to?: Date;
}

@ApiTags('audit')
@Controller('audit')
export class AuditController {
  constructor(
    @InjectDatabase() private readonly database: DatabaseHandle,
    private readonly audit: AuditRepository,
  ) {}

  @Can('audit.read')
  @Get()
  list(@Query() q: AuditQuery) {
    return this.audit.list(this.database.db, q);
  }
}
