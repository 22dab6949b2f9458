import { createParamDecorator, ExecutionContext, SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { Role } from '@bc/domain';
import type { AuthUser } from './auth-user';

export const IS_PUBLIC = 'auth:public';
export const ROLES = 'auth:roles';
export const SESSION_ONLY = 'auth:session-only';

/** The route needs no access token. Everything else does. */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** The roles allowed on a route. A route that is neither @Public nor @Roles is refused to everyone. */
export const Roles = (...roles: Role[]) => applyDecorators(SetMetadata(ROLES, roles), ApiBearerAuth());

/** Customer routes: members of a customer account, with a token minted for the web app. */
export const CustomerRoute = () => Roles('owner', 'member');
/** Console routes: our operators and back-office staff, with a token minted for the console. */
export const StaffRoute = (...roles: ('operator' | 'admin')[]) =>
  Roles(...(roles.length > 0 ? roles : (['operator', 'admin'] as const)));

/**
 * The route needs a person's session, not an integrator's API key: managing the team, the API keys
 * themselves, the card and the account's details. RolesGuard refuses API-key callers with 403.
 */
export const SessionOnly = () => SetMetadata(SESSION_ONLY, true);

export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthUser => {
  return ctx.switchToHttp().getRequest<{ user: AuthUser }>().user;
});
