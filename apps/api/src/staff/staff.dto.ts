import type { CreateStaffInput } from '@gd/domain';
import { ROLES, type Role } from '@gd/domain';
import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';

export const TEAM_MAX = 40;

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateStaffDto implements CreateStaffInput {
  @ApiProperty({ example: 'agent3' })
  @Matches(/^[a-z][a-z0-9_.-]{2,31}$/, { message: 'username must be 3–32 lower-case letters, digits, _ . -' })
  username: string;

  @ApiProperty({ example: '王芳' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty({ minLength: 8 })
  @IsString()
  @MinLength(8)
  @MaxLength(256)
  password: string;

  @ApiPropertyOptional({ description: 'Required for crew accounts' })
  @IsOptional()
  @IsUUID()
  crewId?: string;

  @ApiPropertyOptional()
  @IsOptional()
  @IsString()
  @MaxLength(64)
  district?: string;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    maxLength: TEAM_MAX,
    example: '一班',
    description: 'The call-centre team (班组), trimmed; null clears it',
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MinLength(1)
  @MaxLength(TEAM_MAX)
  team?: string | null;
}

/** Any field may be left out; `null` only where the field may be cleared (team), never for a required one. */
export class UpdateStaffDto extends PartialType(CreateStaffDto, { skipNullProperties: false }) {
  @ApiPropertyOptional()
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class ListStaffQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}
