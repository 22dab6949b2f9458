import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { DomainError } from '../../common/errors/domain-error';
import { CallEventsService } from './call-events.service';
import type { CallEventDto } from './dto/telephony.dto';

export const SSE_HEARTBEAT_MS = 15_000;
const SUBSCRIBE_TIMEOUT_MS = 3_000;

/**
 * The operators' live stream (Server-Sent Events): each connection gets every call event pushed
 * by any API process, a heartbeat comment every 15 s, and is closed on disconnect and shutdown.
 */
@Injectable()
export class CallsStreamService implements BeforeApplicationShutdown {
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly events: CallEventsService) {}

  get connections(): number {
    return this.open.size;
  }

  async serve(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    let raw: ServerResponse | null = null;
    const pending: CallEventDto[] = [];
    const write = (event: CallEventDto) => {
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
    };
    req.raw.on('close', cleanUp);
    response.on('close', cleanUp);
    response.on('error', cleanUp);
  }

  /** Ends every stream before the HTTP server closes (it would otherwise wait for them). */
  beforeApplicationShutdown(): void {
    for (const response of this.open) response.end();
    this.open.clear();
  }
}
