import type { Role } from '@gd/domain';
import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from './auth-user.js';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';

/** No token needed (login, health). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/**
 * Who may call a route: any signed-in user when no role is named. One mechanism for every route; the global
 * AuthGuard reads it, and the socket gateway authenticates with the same token service.
 */
export const Auth = (...roles: Role[]) =>
  applyDecorators(
    SetMetadata(ROLES, roles),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or bad token' }),
    ...(roles.length ? [ApiForbiddenResponse({ description: `Only ${roles.join(', ')}` })] : []),
  );

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
