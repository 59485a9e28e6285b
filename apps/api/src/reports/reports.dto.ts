import { TICKET_TYPES, type TicketType } from '@gd/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, Matches } from 'class-validator';
import { ZONED } from '../sla/sla.dto.js';

export const SLA_GROUPS = ['zoneClass', 'district', 'crew'] as const;
export type SlaGroup = (typeof SLA_GROUPS)[number];

export class SlaReportQuery {
  @ApiPropertyOptional({ description: 'Orders created from (inclusive); default: 30 days before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ZONED, { message: 'from must carry its time zone (Z or +08:00)' })
  from?: string;

  @ApiPropertyOptional({ description: 'Orders created before (exclusive); default: now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  @Matches(ZONED, { message: 'to must carry its time zone (Z or +08:00)' })
  to?: string;

  @ApiPropertyOptional({ enum: SLA_GROUPS, default: 'zoneClass' })
  @IsOptional()
  @IsIn(SLA_GROUPS)
  groupBy?: SlaGroup;

  @ApiPropertyOptional({ enum: TICKET_TYPES, default: 'fault_repair' })
  @IsOptional()
  @IsIn(TICKET_TYPES)
  type?: TicketType;
}
