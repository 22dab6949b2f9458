import type { FastifyReply, FastifyRequest } from 'fastify';

/**
 * The refresh token lives in an HttpOnly, SameSite=Strict cookie whose path is the auth routes of
 * its door, so the browser sends it nowhere else and customer and staff sessions never mix.
 */
export interface RefreshCookie {
  name: string;
  path: string;
}

export const CUSTOMER_REFRESH_COOKIE: RefreshCookie = { name: 'bc_refresh', path: '/api/v1/auth' };
export const STAFF_REFRESH_COOKIE: RefreshCookie = { name: 'bc_staff_refresh', path: '/api/v1/admin/auth' };

export function setRefreshCookie(
  reply: FastifyReply,
  cookie: RefreshCookie,
  token: string,
  expires: Date,
  secure: boolean,
) {
  reply.setCookie(cookie.name, token, {
    path: cookie.path,
    httpOnly: true,
    sameSite: 'strict',
    secure,
    expires,
  });
}

export function clearRefreshCookie(reply: FastifyReply, cookie: RefreshCookie, secure: boolean) {
  reply.clearCookie(cookie.name, { path: cookie.path, httpOnly: true, sameSite: 'strict', secure });
}

export function readRefreshCookie(req: FastifyRequest, cookie: RefreshCookie): string | undefined {
  const value = req.cookies?.[cookie.name];
  return value && value.length <= 200 ? value : undefined;
}
