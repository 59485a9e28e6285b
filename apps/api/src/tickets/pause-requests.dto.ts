import {
  CLOCK_KINDS,
  type ClockKind,
  PAUSE_REASONS,
  type PauseReason,
  type PauseRequestStatus,
  type RefusePauseInput,
  type RequestPauseInput,
} from '@gd/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';

export const PAUSE_REQUEST_STATUSES: readonly PauseRequestStatus[] = ['pending', 'approved', 'refused'];

export class RequestPauseDto implements RequestPauseInput {
  @ApiProperty({ enum: CLOCK_KINDS })
  @IsIn(CLOCK_KINDS)
  clock: ClockKind;

  @ApiProperty({ enum: PAUSE_REASONS })
  @IsIn(PAUSE_REASONS)
  reason: PauseReason;

  @ApiPropertyOptional({ type: String, example: '道路被倒树阻断，无法进入' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  note?: string;
}

export class RefusePauseDto implements RefusePauseInput {
  @ApiProperty({ type: String, example: '客户已联系上，请按时到达' })
  @IsString()
  @MinLength(1)
  @MaxLength(500)
  reason: string;
}

export class PauseRequestsQuery {
  @ApiPropertyOptional({ enum: PAUSE_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(PAUSE_REQUEST_STATUSES)
  status?: PauseRequestStatus;

  @ApiPropertyOptional({ type: String, format: 'uuid' })
  @IsOptional()
  @IsUUID()
  ticketId?: string;
}
