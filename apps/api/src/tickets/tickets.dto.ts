import type {
  CreateTicketInput,
  HandoffInput,
  MergeInput,
  ServiceRequestKind,
  TransitionInput,
  UrgeInput,
} from '@gd/domain';
import {
  CREW_SKILLS,
  type CrewSkill,
  PRIORITIES,
  type Priority,
  SERVICE_REQUEST_KINDS,
  TICKET_STATUSES,
  TICKET_TYPES,
  type TicketStatus,
  type TicketType,
  ZONE_CLASSES,
  type ZoneClass,
} from '@gd/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LatLngDto } from '../common/lat-lng.dto.js';
import { PageQuery } from '../common/pagination.js';

export const DESCRIPTION_MAX = 2000;
export const NOTE_MAX = 2000;

const csv = ({ value }: { value: unknown }) =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
const bool = ({ value }: { value: unknown }) =>
  value === true || value === 'true' || value === '1'
    ? true
    : value === false || value === 'false' || value === '0'
      ? false
      : value;

export class CreateTicketDto implements CreateTicketInput {
  @ApiPropertyOptional({ description: 'The call this order comes from (linked with outcome new_ticket)' })
  @IsOptional()
  @IsUUID()
  callId?: string;

  @ApiProperty({ enum: TICKET_TYPES })
  @IsIn(TICKET_TYPES)
  type: TicketType;

  @ApiPropertyOptional({ enum: SERVICE_REQUEST_KINDS, description: 'Service requests only' })
  @IsOptional()
  @IsIn(SERVICE_REQUEST_KINDS)
  subKind?: ServiceRequestKind;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ type: LatLngDto, description: "Defaults to the customer's location" })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  location?: LatLngDto;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;

  @ApiProperty({ maxLength: DESCRIPTION_MAX, example: '整栋楼停电，闻到焦味' })
  @IsString()
  @MinLength(1)
  @MaxLength(DESCRIPTION_MAX)
  description: string;

  @ApiPropertyOptional({ enum: PRIORITIES, default: 'normal' })
  @IsOptional()
  @IsIn(PRIORITIES)
  priority?: Priority;

  @ApiPropertyOptional({ enum: CREW_SKILLS, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(CREW_SKILLS.length)
  @IsIn(CREW_SKILLS, { each: true })
  requiredSkills?: CrewSkill[];
}

export class ListTicketsQuery extends PageQuery {
  @ApiPropertyOptional({
    description: 'One status or several, comma-separated',
    example: 'accepted,dispatched',
  })
  @IsOptional()
  @Transform(csv)
  @IsIn(TICKET_STATUSES, { each: true })
  status?: TicketStatus[];

  @ApiPropertyOptional({ description: 'One type or several, comma-separated' })
  @IsOptional()
  @Transform(csv)
  @IsIn(TICKET_TYPES, { each: true })
  type?: TicketType[];

  @ApiPropertyOptional({ description: 'A user id, or "me"' })
  @IsOptional()
  @IsString()
  firstResponderId?: string;

  @ApiPropertyOptional({ description: 'A user id, or "me"' })
  @IsOptional()
  @IsString()
  ownerId?: string;

  @ApiPropertyOptional({
    enum: ['mine'],
    description:
      '"mine": orders whose first responder or owner is in the caller\'s team (422 without a team)',
  })
  @IsOptional()
  @IsIn(['mine'])
  team?: 'mine';

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  crewId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ enum: ZONE_CLASSES })
  @IsOptional()
  @IsIn(ZONE_CLASSES)
  zoneClass?: ZoneClass;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  district?: string;

  @ApiPropertyOptional({ description: 'Only orders with a running clock in its warning window or breached' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  breaching?: boolean;

  @ApiPropertyOptional({
    description: 'Only orders still waiting for work (not completed, closed, cancelled, merged)',
  })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  open?: boolean;

  @ApiPropertyOptional({ description: 'Children of this master order' })
  @IsOptional()
  @IsUUID()
  parentId?: string;
}

export class CrewReportDto {
  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  cause: string;

  @ApiProperty({ maxLength: NOTE_MAX })
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX)
  workDone: string;

  @ApiPropertyOptional({ maxLength: 1000 })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  materials?: string;
}

export class TransitionDto implements TransitionInput {
  @ApiProperty({ enum: TICKET_STATUSES })
  @IsIn(TICKET_STATUSES)
  to: TicketStatus;

  @ApiPropertyOptional({ maxLength: NOTE_MAX, description: 'Reason, or the reply to the customer' })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;

  @ApiPropertyOptional({ type: CrewReportDto, description: 'Required to complete a repair order' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CrewReportDto)
  report?: CrewReportDto;
}

export class HandoffDto implements HandoffInput {
  @ApiProperty({ description: 'The receiver (a staff member)' })
  @IsUUID()
  toUserId: string;

  @ApiProperty({ maxLength: NOTE_MAX })
  @IsString()
  @MinLength(1)
  @MaxLength(NOTE_MAX)
  reason: string;
}

export class UrgeDto implements UrgeInput {
  @ApiPropertyOptional({ description: 'The follow-up call (linked with outcome follow_up)' })
  @IsOptional()
  @IsUUID()
  callId?: string;

  @ApiPropertyOptional({ maxLength: NOTE_MAX })
  @IsOptional()
  @IsString()
  @MaxLength(NOTE_MAX)
  note?: string;
}

export class MergeDto implements MergeInput {
  @ApiProperty({ description: 'The master order' })
  @IsUUID()
  parentId: string;
}
