import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@bc/domain';
import { DomainError } from '../errors/domain-error';
import type { AuthUser } from './auth-user';
import { IS_PUBLIC, ROLES, SESSION_ONLY } from './auth.decorators';

/** Global, after JwtAuthGuard: the caller's role must be one the route names. Default deny. */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES, targets) ?? [];
    const user = context.switchToHttp().getRequest<{ user?: AuthUser }>().user;
    if (!user || !roles.includes(user.role)) {
      throw new DomainError('FORBIDDEN', 'This route is not open to your role.');
    }
    if (user.apiKeyId && this.reflector.getAllAndOverride<boolean>(SESSION_ONLY, targets)) {
      throw new DomainError('FORBIDDEN', 'This route needs a signed-in user; an API key cannot use it.');
    }
    return true;
  }
}
