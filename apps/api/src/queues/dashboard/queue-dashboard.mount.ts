import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { FastifyAdapter as BullBoardFastifyAdapter } from '@bull-board/fastify';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Queue } from 'bullmq';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/errors/domain-error';
import { sendProblem } from '../../common/errors/problem-details.filter';
import { QueueName } from '../queue-names';
import { DASHBOARD_BASE_PATH, DASHBOARD_COOKIE } from './queue-dashboard-session';
import { QueueDashboardService } from './queue-dashboard.service';

/**
 * Mounts Bull Board (every queue of QueueName) under /api/v1/admin/queues on the API's Fastify
 * instance, in its own encapsulated context whose onRequest hook lets through only a valid
 * dashboard cookie (queue-dashboard-session.ts); `/enter?ticket=` trades a ticket for that cookie.
 */
@Injectable()
export class QueueDashboardMount implements OnModuleInit {
  private readonly log = new Logger('queue-dashboard');
  private readonly queues: Queue[];

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly dashboard: QueueDashboardService,
    @InjectQueue(QueueName.Maintenance) maintenance: Queue,
    @InjectQueue(QueueName.Mail) mail: Queue,
    @InjectQueue(QueueName.Outbox) outbox: Queue,
    @InjectQueue(QueueName.OutboxRelay) relay: Queue,
    @InjectQueue(QueueName.Notify) notify: Queue,
    @InjectQueue(QueueName.Billing) billing: Queue,
    @InjectQueue(QueueName.Subscriptions) subscriptions: Queue,
    @InjectQueue(QueueName.Desk) desk: Queue,
  ) {
    this.queues = [notify, mail, outbox, relay, billing, subscriptions, desk, maintenance];
  }

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return; // not an HTTP application (e.g. built as a bare context)
    const board = new BullBoardFastifyAdapter();
    board.setBasePath(DASHBOARD_BASE_PATH);
    createBullBoard({
      queues: this.queues.map((q) => new BullMQAdapter(q)),
      serverAdapter: board,
      options: { uiConfig: { boardTitle: 'BusinessCall queues' } },
    });
    const dashboard = this.dashboard;
    const log = this.log;

    void fastify.register(
      async (scope: FastifyInstance) => {
        scope.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
          if (req.routeOptions.url === `${DASHBOARD_BASE_PATH}/enter`) return;
          if (!dashboard.verify(req.cookies?.[DASHBOARD_COOKIE])) {
            sendProblem(
              new DomainError(
                'UNAUTHENTICATED',
                'Open the queue dashboard from the console (キュー): it needs an admin session.',
              ),
              req,
              reply,
              log,
            );
            return reply;
          }
        });
        // The board has no shared state with our pages: keep it out of caches.
        scope.addHook('onSend', async (_req, reply) => {
          void reply.header('cache-control', 'no-store');
        });

        scope.get('/enter', async (req, reply) => {
          const ticket = (req.query as Record<string, unknown> | undefined)?.ticket;
          const userId = await dashboard.redeemTicket(ticket);
          if (!userId) {
            sendProblem(
              new DomainError(
                'UNAUTHENTICATED',
                'This link has expired or was already used: open the queue dashboard again from the console.',
              ),
              req,
              reply,
              log,
            );
            return reply;
          }
          const session = dashboard.session(userId);
          void reply.setCookie(DASHBOARD_COOKIE, session.value, {
            path: DASHBOARD_BASE_PATH,
            httpOnly: true,
            sameSite: 'strict',
            secure: dashboard.cookieSecure,
            expires: session.expires,
          });
          log.log({ userId }, 'admin entered the queue dashboard');
          return reply.redirect(`${DASHBOARD_BASE_PATH}/`, 303);
        });

        await scope.register(board.registerPlugin() as never);
      },
      { prefix: DASHBOARD_BASE_PATH },
    );
  }
}
