import { Body, Controller, Get, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { type AuthUser, toUser } from '../common/auth-user.js';
import { Can, CurrentUser, Public } from './auth.decorators.js';
import { LoginDto, LoginResponseDto, UserDto } from './auth.dto.js';
import { AuthService } from './auth.service.js';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @UseGuards(ThrottlerGuard)
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({
    description: 'Unknown user, wrong password, disabled or locked account: one answer for all',
  })
  @ApiTooManyRequestsResponse({
    description: 'Too many attempts from this client (LOGIN_RATE_LIMIT); see Retry-After',
  })
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
