import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { IsPhone } from '../common/phone.js';

export class SendCodeDto {
  @ApiProperty({ example: '13812345678', description: 'A mainland mobile number' })
  @IsPhone()
  phone: string;
}

/** A phone and the one-time code sent to it (POST /public/codes): what proves the phone on a report or a binding. */
export class VerifiedPhoneDto {
  @ApiProperty({ example: '13812345678' })
  @IsPhone()
  phone: string;

  @ApiProperty({ example: '123456', description: 'The one-time code sent to the phone' })
  @Matches(/^\d{6}$/, { message: 'code must be the 6 digits sent to the phone' })
  code: string;
}

/** What a public reporter may report, and the order type each becomes. */
export const REPORT_KINDS = { fault: 'fault_repair', hazard: 'report', other: 'opinion' } as const;
export type ReportKind = keyof typeof REPORT_KINDS;

export class PublicReportDto extends VerifiedPhoneDto {
  @ApiProperty({ enum: Object.keys(REPORT_KINDS), default: 'fault' })
  @IsOptional()
  @IsIn(Object.keys(REPORT_KINDS))
  kind?: ReportKind;

  @ApiProperty({ example: 28.19 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @ApiProperty({ example: 112.97 })
  @Type(() => Number)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lng: number;

  @ApiProperty({ maxLength: 500 })
  @IsString()
  @MinLength(2)
  @MaxLength(500)
  description: string;

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  address?: string;
}

export class TrackQuery {
  @ApiProperty({ example: '5678', description: "The last four digits of the reporter's phone" })
  @Matches(/^\d{4}$/, { message: 'phone must be the last four digits of the phone number' })
  phone: string;
}

export class WechatAuthorizeQuery {
  @ApiProperty({ example: 'GD20261205000001', description: 'The order whose page to come back to' })
  @Matches(/^[A-Za-z0-9]{4,32}$/, { message: 'number must be an order number' })
  number: string;
}

export class WechatBindingDto extends VerifiedPhoneDto {
  @ApiProperty({ description: "WeChat's authorisation code (the `code` WeChat adds to the page's address)" })
  @IsString()
  @MinLength(4)
  @MaxLength(128)
  @Matches(/^[\w-]+$/, { message: 'oauthCode must be the code WeChat gave' })
  oauthCode: string;
}
