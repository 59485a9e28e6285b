import type { CreateOutageInput, PolygonGeometry } from '@gd/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsISO8601,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsPolygon } from '../common/polygon.dto.js';

export class CreateOutageDto implements CreateOutageInput {
  @ApiProperty({ enum: ['planned', 'fault'] })
  @IsIn(['planned', 'fault'])
  kind: 'planned' | 'fault';

  @ApiProperty({ description: 'GeoJSON Polygon, [lng, lat] positions, closed rings' })
  @IsPolygon()
  area: PolygonGeometry;

  @ApiProperty({ example: '2026-11-22T08:00:00+08:00' })
  @IsISO8601({ strict: true })
  startsAt: string;

  @ApiPropertyOptional({ description: 'End of a planned outage window' })
  @IsOptional()
  @IsISO8601({ strict: true })
  endsAt?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsISO8601({ strict: true })
  estimatedRestoreAt?: string;

  @ApiProperty({ maxLength: 2000 })
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  description: string;

  @ApiPropertyOptional({ description: 'The repair order that becomes the master of a fault outage' })
  @IsOptional()
  @IsUUID()
  ticketId?: string;
}

export class ListOutagesQuery {
  @ApiPropertyOptional({ description: 'Only outages in force now' })
  @IsOptional()
  @Transform(({ value }) =>
    value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value,
  )
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(-90)
  @Max(90)
  lat?: number;

  @ApiPropertyOptional()
  @IsOptional()
  @Type(() => Number)
  @IsNumber()
  @Min(-180)
  @Max(180)
  lng?: number;
}
