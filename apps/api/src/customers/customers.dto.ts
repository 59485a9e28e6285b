import type { CreateCustomerInput, PolygonGeometry, UpdateCustomerInput } from '@gd/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDefined,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { LatLngDto } from '../common/lat-lng.dto.js';
import { IsPhone } from '../common/phone.js';
import { IsPolygon } from '../common/polygon.dto.js';

export class SearchCustomersQuery {
  @ApiProperty({
    description: 'Phone, account number, name or address (Chinese text included)',
    example: '芙蓉中路',
  })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  q: string;

  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: 100 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit = 20;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(10_000)
  offset = 0;
}

export class CreateCustomerDto implements CreateCustomerInput {
  @ApiProperty({ example: '张伟' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;

  @ApiProperty({
    description: 'Chinese mobile or landline with area code; stored as E.164',
    example: '0731-8888 8888',
  })
  @IsPhone()
  phone: string;

  @ApiProperty({ example: '湖南省长沙市芙蓉区五一大道100号' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  address: string;

  @ApiProperty({ type: LatLngDto })
  @IsDefined()
  @ValidateNested()
  @Type(() => LatLngDto)
  location: LatLngDto;

  @ApiPropertyOptional({ description: 'Generated when left out', example: '4310000042' })
  @IsOptional()
  @Matches(/^[0-9A-Za-z-]{4,32}$/, { message: 'accountNo must be 4–32 letters, digits or -' })
  accountNo?: string;

  @ApiPropertyOptional({ type: [String], example: ['sensitive'] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @IsString({ each: true })
  @MaxLength(32, { each: true })
  tags?: string[];
}

/** An agent's correction of a customer's contact details (at least one field). */
export class UpdateCustomerDto implements UpdateCustomerInput {
  @ApiPropertyOptional({ example: '138 1234 5678', description: 'Stored as E.164' })
  @IsOptional()
  @IsPhone()
  phone?: string;

  @ApiPropertyOptional({ example: '湖南省长沙市芙蓉区五一大道102号' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  address?: string;

  @ApiPropertyOptional({ type: LatLngDto, description: 'With a new address: the zone is resolved again' })
  @IsOptional()
  @ValidateNested()
  @Type(() => LatLngDto)
  location?: LatLngDto;
}

/** An area (an outage being drawn): how many customers live inside. */
export class CustomersInAreaDto {
  @ApiProperty({ description: 'GeoJSON Polygon, [lng, lat] positions, closed rings' })
  @IsPolygon()
  area: PolygonGeometry;
}
