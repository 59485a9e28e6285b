import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ example: 'agent1' })
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'demo95598' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  password: string;
}

export class UserDto {
  @ApiProperty() id: string;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ['agent', 'dispatcher', 'crew', 'qa', 'supervisor', 'admin'] }) role: string;
  @ApiProperty({ nullable: true, type: String }) crewId: string | null;
  @ApiProperty({ nullable: true, type: String, required: false }) district?: string | null;
  @ApiProperty({ nullable: true, type: String, example: '一班' }) team: string | null;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ type: UserDto }) user: UserDto;
}
