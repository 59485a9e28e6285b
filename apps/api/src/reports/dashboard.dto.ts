import { TICKET_TYPES, type TicketType, ZONE_CLASSES, type ZoneClass } from '@gd/domain';
import { BadRequestException } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

const DAY = 86_400_000;
/** The longest range a report answers (a year and a bit): wider asks are refused, not slowly computed. */
export const MAX_RANGE_DAYS = 400;

export class ReportRangeQuery {
  @ApiPropertyOptional({
    description: 'Start, inclusive (ISO-8601 with offset). Default: 30 days before `to`.',
  })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'from must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ description: 'End, exclusive (ISO-8601 with offset). Default: now.' })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'to must be an ISO-8601 date-time' })
  to?: string;
}

export class OverviewQuery extends ReportRangeQuery {
  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  district?: string;

  @ApiPropertyOptional({ enum: ZONE_CLASSES })
  @IsOptional()
  @IsIn(ZONE_CLASSES)
  zoneClass?: ZoneClass;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  crewId?: string;

  @ApiPropertyOptional({ description: 'The first responder (首问责任人)' })
  @IsOptional()
  @IsUUID()
  agentId?: string;

  @ApiPropertyOptional({ enum: TICKET_TYPES })
  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;
}

/** The [from, to) a report covers; an inverted, empty or too wide range is a 400. */
export function parseRange(q: ReportRangeQuery, now = new Date()): { from: Date; to: Date } {
  const to = q.to ? new Date(q.to) : now;
  const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * DAY);
  const problems: string[] = [];
  if (Number.isNaN(from.getTime())) problems.push('from is not a valid date-time');
  if (Number.isNaN(to.getTime())) problems.push('to is not a valid date-time');
  if (!problems.length && from.getTime() >= to.getTime()) problems.push('from must be before to');
  if (!problems.length && to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
    problems.push(`the range may span at most ${MAX_RANGE_DAYS} days`);
  }
  if (problems.length) throw new BadRequestException(problems);
  return { from, to };
}
