import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsNumber, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { IsPhone } from '../common/phone.js';

/** Our Open311 services and the order type each becomes. */
export const OPEN311_SERVICES = {
  power_outage: { type: 'fault_repair', name: '停电报修 / Power outage', group: '电力抢修 / Repairs' },
  safety_hazard: { type: 'report', name: '用电安全隐患 / Electrical hazard', group: '电力抢修 / Repairs' },
  complaint: { type: 'complaint', name: '服务投诉 / Complaint', group: '客户服务 / Service' },
  other: { type: 'opinion', name: '意见建议 / Other', group: '客户服务 / Service' },
} as const;
export type Open311ServiceCode = keyof typeof OPEN311_SERVICES;

/** POST requests.json, form-encoded or JSON (GeoReport v2 field names). */
export class Open311RequestDto {
  @ApiProperty({ enum: Object.keys(OPEN311_SERVICES) })
  @IsIn(Object.keys(OPEN311_SERVICES))
  service_code: Open311ServiceCode;

  @ApiProperty()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty()
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  long: number;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  description: string;

  @ApiProperty({ description: "The reporter's phone: how the order's messages reach them" })
  @IsPhone()
  phone: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) first_name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(50) last_name?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address_string?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) api_key?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) jurisdiction_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) email?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) device_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) account_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(500) media_url?: string;
}

export class Open311KeyQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) api_key?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) jurisdiction_id?: string;
}
