import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Can, CurrentUser, Public } from './auth.decorators.js';
import { LoginDto, LoginResponseDto, UserDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';
import { type AuthUser, toUser } from './auth-user.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ description: 'Bad credentials' })
  @ApiTooManyRequestsResponse({ description: 'Locked after repeated failures' })
  login(@Body() dto: LoginDto) {
    return this.auth.login(dto.username, dto.password);
  }

  @Can('session.read')
  @Get('me')
  @ApiOkResponse({ type: UserDto })
  me(@CurrentUser() user: AuthUser) {
    return toUser(user);
  }
}
