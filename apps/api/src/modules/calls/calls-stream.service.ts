import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { DomainError } from '../../common/errors/domain-error';
import type { AuthUser } from '../../common/auth/auth-user';
import { CallEventsService, type StreamEvent } from './call-events.service';
import { DeskRepository } from './desk/desk.repository';
import { sseClients } from '../../observability/metrics';

export const SSE_HEARTBEAT_MS = 15_000;
/** An open console is a sign of life of its operator: their desk is touched this often. */
export const PRESENCE_TOUCH_MS = 5_000;
const SUBSCRIBE_TIMEOUT_MS = 3_000;

/**
 * The operators' live stream (Server-Sent Events): each connection gets every call event pushed
 * by any API process, a heartbeat comment every 15 s, and is closed on disconnect and shutdown.
 */
@Injectable()
export class CallsStreamService implements BeforeApplicationShutdown {
  private readonly open = new Set<ServerResponse>();
  /** Open streams per operator in this process (presence). */
  private readonly streamsOf = new Map<string, number>();
  private presenceTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly events: CallEventsService,
    private readonly desks: DeskRepository,
  ) {}

  /** Counted in `sse_clients` while this instance lives. */
  private readonly stopCounting = sseClients.addSource(() => [
    { labels: { stream: 'operator-calls' }, value: this.open.size },
  ]);

  get connections(): number {
    return this.open.size;
  }

  async serve(req: FastifyRequest, reply: FastifyReply, user: AuthUser): Promise<void> {
    let raw: ServerResponse | null = null;
    const pending: StreamEvent[] = [];
    const write = (event: StreamEvent) => {
      // A desk's changes go to its operator (and to admins, who watch the wallboard).
      if (event.type === 'desk.changed' && event.desk.userId !== user.userId && user.role !== 'admin') return;
      if (!raw) return void pending.push(event);
      raw.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    };
    // Subscribed before the first byte: a client that sees the stream open misses no later event.
    let stopListening: () => void;
    try {
      stopListening = await Promise.race([
        this.events.listen(write),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('subscribe timeout')), SUBSCRIBE_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The live call stream is unavailable (Redis).');
    }

    await this.desks.ensure(user.userId);
    reply.hijack();
    raw = reply.raw;
    const headers: Record<string, string | number | string[]> = {};
    for (const [name, value] of Object.entries(reply.getHeaders())) {
      if (value !== undefined) headers[name] = value as string | number | string[];
    }
    raw.writeHead(200, {
      ...headers,
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    raw.write('retry: 3000\n: connected\n\n');
    for (const event of pending.splice(0)) write(event);
    this.open.add(raw);
    this.streamOpened(user.userId);

    const heartbeat = setInterval(() => raw?.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
    heartbeat.unref();
    const response = raw;
    let closed = false;
    const cleanUp = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      stopListening();
      this.open.delete(response);
      this.streamClosed(user.userId);
    };
    req.raw.on('close', cleanUp);
    response.on('close', cleanUp);
    response.on('error', cleanUp);
  }

  private streamOpened(userId: string): void {
    this.streamsOf.set(userId, (this.streamsOf.get(userId) ?? 0) + 1);
    void this.desks.touch([userId]).catch(() => undefined);
    if (!this.presenceTimer) {
      this.presenceTimer = setInterval(() => {
        void this.desks.touch([...this.streamsOf.keys()]).catch(() => undefined);
      }, PRESENCE_TOUCH_MS);
      this.presenceTimer.unref();
    }
  }

  private streamClosed(userId: string): void {
    const left = (this.streamsOf.get(userId) ?? 1) - 1;
    if (left > 0) return void this.streamsOf.set(userId, left);
    this.streamsOf.delete(userId);
    // Closing the tab makes the operator unreachable at once (a console in another process
    // touches the desk again within PRESENCE_TOUCH_MS).
    void this.desks.markUnseen(userId).catch(() => undefined);
    if (this.streamsOf.size === 0 && this.presenceTimer) {
      clearInterval(this.presenceTimer);
      this.presenceTimer = null;
    }
  }

  /** Ends every stream before the HTTP server closes (it would otherwise wait for them). */
  beforeApplicationShutdown(): void {
    this.stopCounting();
    if (this.presenceTimer) clearInterval(this.presenceTimer);
    this.presenceTimer = null;
    for (const response of this.open) response.end();
    this.open.clear();
  }
}
