import { Inject, Injectable } from '@nestjs/common';
import { createSecretKey } from 'node:crypto';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { isCustomerRole, isStaffRole, type Role } from '@bc/domain';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { TOKEN_AUDIENCE, TOKEN_ISSUER, type AuthUser, type TokenAudience } from './auth-user';

interface AccessTokenClaims {
  sub: string;
  acc: string | null;
  role: Role;
  aud: TokenAudience;
  typ: string;
  /** The session (refresh-token family); tokens minted before it was added have none and are refused. */
  sid?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Verifies access tokens: HS256 only, our issuer, one of our two audiences, not expired. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // A KeyObject, not the string: jsonwebtoken 9 first tries to read a string secret as a public
      // key on every verify, which made each check ~45x slower (bench/README.md).
      secretOrKey: createSecretKey(Buffer.from(config.auth.jwtSecret)) as unknown as string,
      algorithms: ['HS256'],
      issuer: TOKEN_ISSUER,
      audience: [TOKEN_AUDIENCE.customer, TOKEN_AUDIENCE.staff],
      ignoreExpiration: false,
    });
  }

  validate(claims: AccessTokenClaims): AuthUser | false {
    if (claims.typ !== 'access') return false;
    if (typeof claims.sid !== 'string' || !UUID.test(claims.sid) || !UUID.test(claims.sub)) return false;
    // The role must belong to the audience the token was minted for.
    const consistent =
      (claims.aud === TOKEN_AUDIENCE.customer && isCustomerRole(claims.role) && !!claims.acc) ||
      (claims.aud === TOKEN_AUDIENCE.staff && isStaffRole(claims.role));
    if (!consistent) return false;
    // Whether the session still stands is checked by JwtAuthGuard, not here: passport keeps one
    // strategy per process, so a strategy must not hold services of one application instance.
    return {
      userId: claims.sub,
      accountId: claims.acc,
      role: claims.role,
      audience: claims.aud,
      sessionId: claims.sid,
    };
  }
}
