import { type Action, type Role, rolesFor } from '@gd/domain';
import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { AuthUser } from '../common/auth-user.js';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';
export const ACTION = 'auth:action';

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

/**
 * A route guarded by an action of the permission table (PERMISSIONS in @gd/domain): the roles come from the table,
 * and the action is recorded on the route (the OpenAPI document names it, the route × role test reads it).
 */
export const Can = (action: Action) =>
  applyDecorators(
    SetMetadata(ACTION, action),
    Auth(...rolesFor(action)),
    ApiExtension('x-permission', action),
  );
