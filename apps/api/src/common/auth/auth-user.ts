import type { Role } from '@bc/domain';

/** Who is calling, as proven by the access token. */
export interface AuthUser {
  userId: string;
  accountId: string | null;
  role: Role;
  audience: TokenAudience;
  /** Set when the caller authenticated with an integrator's API key instead of a session token. */
  apiKeyId?: string;
  /** The session (refresh-token family) an access token belongs to; absent for API keys. */
  sessionId?: string;
}

/** Customer tokens are minted for the web app, staff tokens for the console; neither passes the other. */
export const TOKEN_AUDIENCE = { customer: 'businesscall-web', staff: 'businesscall-console' } as const;
export type TokenAudience = (typeof TOKEN_AUDIENCE)[keyof typeof TOKEN_AUDIENCE];
export const TOKEN_ISSUER = 'businesscall-api';
