import type { DispatchInput } from '@gd/domain';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);

export class DispatchDto implements DispatchInput {
  @ApiPropertyOptional({ description: 'The crew to send; without it the best candidate is chosen' })
  @IsOptional()
  @IsUUID()
  crewId?: string;

  @ApiPropertyOptional({ description: 'Why this crew (kept with the assignment)' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;

  @ApiPropertyOptional({ description: 'Urgent orders only: may take a crew off an order it is driving to' })
  @IsOptional()
  @IsBoolean()
  allowPreemption?: boolean;

  @ApiPropertyOptional({
    description: 'Add this crew to the order (combined crews) instead of replacing its crew',
  })
  @IsOptional()
  @IsBoolean()
  additional?: boolean;
}

export class CandidatesQuery {
  @ApiPropertyOptional({ default: 20 })
  @IsOptional()
  @Transform(({ value }) => (value === undefined ? undefined : Number(value)))
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional({ description: 'Also list the nearest crews that cannot go, flagged with the reason' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  includeIneligible?: boolean;

  @ApiPropertyOptional({ description: 'Urgent orders: include crews that could be taken off another order' })
  @IsOptional()
  @Transform(bool)
  @IsBoolean()
  allowPreemption?: boolean;
}

export class DispatchSettingsDto {
  @ApiPropertyOptional({ description: 'Send each new fault order to the best crew at once' })
  @IsOptional()
  @IsBoolean()
  autoDispatch?: boolean;

  @ApiPropertyOptional({ description: 'Arrival geofence radius around the site, metres (default 150)' })
  @IsOptional()
  @IsInt()
  @Min(30)
  @Max(2000)
  geofenceRadiusM?: number;
}
