import { CALLBACK_STATUSES, type CallbackStatus, SATISFACTIONS, type Satisfaction } from '@gd/domain';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';

export class ListCallbacksQuery {
  @ApiPropertyOptional({ enum: CALLBACK_STATUSES, description: 'Without it, every callback' })
  @IsOptional()
  @IsIn(CALLBACK_STATUSES)
  status?: CallbackStatus;

  @ApiPropertyOptional({ default: 500, minimum: 1, maximum: 2000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(2000)
  limit?: number;
}

const scale = `one of ${SATISFACTIONS.join(', ')}`;

export class CallbackAttemptDto {
  @ApiProperty({ description: 'Was the customer reached?' })
  @IsBoolean()
  reached: boolean;

  @ApiPropertyOptional({ description: 'Is the problem solved? Defaults to "not dissatisfied" when reached.' })
  @IsOptional()
  @IsBoolean()
  resolved?: boolean;

  @ApiPropertyOptional({ enum: SATISFACTIONS, description: 'Required when reached' })
  @IsOptional()
  @IsIn(SATISFACTIONS, { message: `satisfaction must be ${scale}` })
  satisfaction?: Satisfaction;

  @ApiPropertyOptional({ enum: SATISFACTIONS, description: 'How the customer rates the timeliness' })
  @IsOptional()
  @IsIn(SATISFACTIONS, { message: `timeliness must be ${scale}` })
  timeliness?: Satisfaction;

  @ApiPropertyOptional({ enum: SATISFACTIONS, description: 'How the customer rates the staff attitude' })
  @IsOptional()
  @IsIn(SATISFACTIONS, { message: `attitude must be ${scale}` })
  attitude?: Satisfaction;

  @ApiPropertyOptional({ maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  comment?: string;
}
