import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import { RedisService } from '../../redis/redis.service';
import {
  DASHBOARD_BASE_PATH,
  isTicket,
  newTicket,
  SESSION_TTL_SECONDS,
  signSession,
  TICKET_TTL_SECONDS,
  verifySession,
} from './queue-dashboard-session';

export interface DashboardTicket {
  /** Path (on the API's origin) that exchanges the ticket for the dashboard's cookie. */
  url: string;
  expiresAt: string;
}

/** Tickets and session cookies of the queue dashboard (see queue-dashboard-session.ts). */
@Injectable()
export class QueueDashboardService {
  constructor(
    private readonly redis: RedisService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** A one-time ticket for an admin (the controller lets only admins call this). */
  async mintTicket(userId: string): Promise<DashboardTicket> {
    const ticket = newTicket();
    try {
      await this.redis.client.set(this.ticketKey(ticket), userId, 'EX', TICKET_TTL_SECONDS);
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The queue dashboard needs Redis, which is unreachable.');
    }
    return {
      url: `${DASHBOARD_BASE_PATH}/enter?ticket=${ticket}`,
      expiresAt: new Date(Date.now() + TICKET_TTL_SECONDS * 1000).toISOString(),
    };
  }

  /** The admin's id for a ticket not yet used (it is used now), else null. */
  async redeemTicket(ticket: unknown): Promise<string | null> {
    if (!isTicket(ticket)) return null;
    try {
      return await this.redis.client.getdel(this.ticketKey(ticket));
    } catch {
      return null;
    }
  }

  /** The cookie value and its expiry for an admin who just redeemed a ticket. */
  session(userId: string): { value: string; expires: Date } {
    const exp = Math.floor(Date.now() / 1000) + SESSION_TTL_SECONDS;
    return { value: signSession(this.config.auth.jwtSecret, userId, exp), expires: new Date(exp * 1000) };
  }

  verify(cookie: unknown): string | null {
    return verifySession(this.config.auth.jwtSecret, cookie);
  }

  get cookieSecure(): boolean {
    return this.config.auth.cookieSecure;
  }

  private ticketKey(ticket: string): string {
    return this.redis.key('queue-dashboard', 'ticket', ticket);
  }
}
