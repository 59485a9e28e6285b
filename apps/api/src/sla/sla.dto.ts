import type { DeclareEmergencyInput, EndEmergencyInput, PauseClockInput } from '@gd/domain';
import { CLOCK_KINDS, type ClockKind } from '@gd/domain';
import { PAUSE_REASONS, type PauseReason } from '@gd/sla';
import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayNotEmpty,
  IsArray,
  IsIn,
  IsISO8601,
  IsString,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

/** An instant with its zone: `2026-09-21T09:00:00+08:00` or `…Z`, never a bare local time. */
export const ZONED = /(Z|[+-]\d{2}:?\d{2})$/i;

export class PauseClockDto implements PauseClockInput {
  @ApiProperty({ enum: CLOCK_KINDS })
  @IsIn(CLOCK_KINDS)
  clock: ClockKind;

  @ApiProperty({
    enum: PAUSE_REASONS,
    description: 'force_majeure needs a supervisor (a dispatcher asks one to pause the clock)',
  })
  @IsIn(PAUSE_REASONS)
  reason: PauseReason;
}

export class ResumeClockDto {
  @ApiProperty({ enum: CLOCK_KINDS })
  @IsIn(CLOCK_KINDS)
  clock: ClockKind;
}

export class DeclareEmergencyDto implements DeclareEmergencyInput {
  @ApiProperty({ type: [String], example: ['CS-R-WC'] })
  @IsArray()
  @ArrayNotEmpty()
  @ArrayMaxSize(500)
  @IsString({ each: true })
  zoneIds: string[];

  @ApiProperty({ example: '2026-09-21T09:00:00+08:00' })
  @IsISO8601({ strict: true })
  @Matches(ZONED, { message: 'startsAt must carry its time zone (Z or +08:00)' })
  startsAt: string;

  @ApiProperty({ example: '2026-09-21T15:00:00+08:00' })
  @IsISO8601({ strict: true })
  @Matches(ZONED, { message: 'endsAt must carry its time zone (Z or +08:00)' })
  endsAt: string;

  @ApiProperty({ enum: ['pause', 'exempt'] })
  @IsIn(['pause', 'exempt'])
  mode: 'pause' | 'exempt';

  @ApiProperty({ example: '台风“山竹”：道路中断' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class EndEmergencyDto implements EndEmergencyInput {
  @ApiProperty({ example: '台风已过境，道路恢复' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}
