import type { CreateOutageInput, PolygonGeometry } from '@gd/domain';
import { isValidLatLng } from '@gd/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import {
  buildMessage,
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
  ValidateBy,
} from 'class-validator';

/** Why a GeoJSON Polygon is unusable, or null: closed rings of ≥ 4 valid [lng, lat] positions. */
export function polygonProblem(value: unknown): string | null {
  const v = value as PolygonGeometry | null;
  if (!v || typeof v !== 'object' || v.type !== 'Polygon') return 'must be a GeoJSON Polygon';
  if (!Array.isArray(v.coordinates) || v.coordinates.length === 0 || v.coordinates.length > 50) {
    return 'must have 1 to 50 rings';
  }
  for (const ring of v.coordinates) {
    if (!Array.isArray(ring) || ring.length < 4 || ring.length > 5000)
      return 'rings need 4 to 5000 positions';
    for (const pos of ring) {
      if (!Array.isArray(pos) || pos.length < 2 || !isValidLatLng({ lng: pos[0], lat: pos[1] })) {
        return 'positions must be [lng, lat] with valid degrees';
      }
    }
    const [first, last] = [ring[0]!, ring[ring.length - 1]!];
    if (first[0] !== last[0] || first[1] !== last[1]) return 'rings must be closed (first position = last)';
  }
  return null;
}

const IsPolygon = () =>
  ValidateBy({
    name: 'isPolygon',
    validator: {
      validate: (value) => polygonProblem(value) === null,
      defaultMessage: buildMessage((each, args) => `${each}$property ${polygonProblem(args?.value)}`),
    },
  });

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
