import type { CreateCrewInput } from '@gd/domain';
import { CREW_SELF_STATUSES, CREW_SKILLS, type CrewSelfStatus, type CrewSkill } from '@gd/domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayUnique,
  IsArray,
  IsDefined,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LatLngDto } from '../common/lat-lng.dto.js';

export class DepotDto extends LatLngDto {
  @ApiPropertyOptional({ example: '岳麓供电所' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  name?: string;
}

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

export class ShiftDto {
  @ApiProperty({
    example: '08:00',
    description: 'Local time (HH:MM); an end before the start runs past midnight',
  })
  @Matches(CLOCK, { message: 'start must be HH:MM' })
  start: string;

  @ApiProperty({ example: '20:00' })
  @Matches(CLOCK, { message: 'end must be HH:MM' })
  end: string;
}

export class CreateCrewDto implements CreateCrewInput {
  @ApiProperty({ example: 'C41' })
  @Matches(/^[A-Z0-9-]{2,16}$/, { message: 'code must be 2–16 upper-case letters, digits or -' })
  code: string;

  @ApiProperty({ example: '岳麓抢修41班' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;

  @ApiProperty({ enum: CREW_SKILLS, isArray: true })
  @IsArray()
  @ArrayUnique()
  @IsIn(CREW_SKILLS, { each: true })
  skills: CrewSkill[];

  @ApiProperty({ type: DepotDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => DepotDto)
  depot: DepotDto;

  @ApiPropertyOptional({ type: ShiftDto, nullable: true, description: 'None: on call round the clock' })
  @IsOptional()
  @ValidateNested()
  @Type(() => ShiftDto)
  shift?: ShiftDto | null;

  @ApiPropertyOptional({ example: '湘A·12345' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  vehicle?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  district?: string | null;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string | null;
}

/** Any field may be left out; `null` only where the field may be cleared (shift), never for a required one. */
export class UpdateCrewDto extends PartialType(CreateCrewDto, { skipNullProperties: false }) {}

export class CrewStatusDto {
  @ApiProperty({ enum: CREW_SELF_STATUSES, description: 'Going off or on duty' })
  @IsIn(CREW_SELF_STATUSES)
  status: CrewSelfStatus;
}

export class TrailQuery {
  @ApiPropertyOptional({ description: 'ISO-8601; default 24 h before `to`' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ description: 'ISO-8601; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}
