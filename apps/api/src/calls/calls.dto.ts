import type { OpenCallInput, UpdateCallInput } from '@gd/domain';
import { CALL_OUTCOMES, type CallOutcome, CHANNELS, type Channel } from '@gd/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Equals, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsPhone } from '../common/phone.js';

export class CreateCallDto implements OpenCallInput {
  @ApiProperty({
    description: 'Caller number (Chinese mobile or landline with area code)',
    example: '13812345678',
  })
  @IsPhone()
  phone: string;

  @ApiProperty({ enum: CHANNELS })
  @IsIn(CHANNELS)
  channel: Channel;

  @ApiPropertyOptional({ description: 'When the agent already knows the customer' })
  @IsOptional()
  @IsUUID()
  customerId?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;
}

export class UpdateCallDto implements UpdateCallInput {
  @ApiPropertyOptional({ enum: CALL_OUTCOMES })
  @IsOptional()
  @IsIn(CALL_OUTCOMES)
  outcome?: CallOutcome;

  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  ticketId?: string;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string;

  @ApiPropertyOptional({ enum: [true], description: 'Ends the call now' })
  @IsOptional()
  @Equals(true)
  ended?: true;
}
