import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerResponse } from 'node:http';
import { DomainError } from '../../../common/errors/domain-error';
import { CallEventsService } from '../call-events.service';
import { SSE_HEARTBEAT_MS } from '../calls-stream.service';
import type { WallboardDto } from './dto/wallboard.dto';
import { WallboardService } from './wallboard.service';
import { sseClients } from '../../../observability/metrics';

/** Pushes are coalesced: at most one every this many ms (two a second). */
export const WALLBOARD_MIN_PUSH_INTERVAL_MS = 500;
/** A first change after a quiet spell waits this long, so the events of one step go out as one push. */
export const WALLBOARD_GATHER_MS = 50;
/** Pushed at least this often, changes or not: times in state and waits move, consoles go stale. */
export const WALLBOARD_TICK_MS = 5_000;
const SUBSCRIBE_TIMEOUT_MS = 3_000;

/**
 * The wallboard's live stream (Server-Sent Events). Each connection gets a WallboardDto at once,
 * then a fresh one (`event: wallboard`) after call and desk events of any API process (through
 * CallEventsService, coalesced to at most two a second) and every 5 s; a heartbeat comment every
 * 15 s. One computation is shared by every open wallboard of this process. Connections are closed
 * on disconnect and at shutdown.
 */
@Injectable()
export class WallboardStreamService implements BeforeApplicationShutdown {
  private readonly log = new Logger('wallboard-stream');
  private readonly open = new Set<ServerResponse>();
  private tickTimer: NodeJS.Timeout | null = null;
  private pushTimer: NodeJS.Timeout | null = null;
  private computing = false;
  private dirty = false;
  private lastPushAt = 0;
  private closing = false;

  constructor(
    private readonly events: CallEventsService,
    private readonly wallboard: WallboardService,
  ) {}

  /** Counted in `sse_clients` while this instance lives. */
  private readonly stopCounting = sseClients.addSource(() => [
    { labels: { stream: 'wallboard' }, value: this.open.size },
  ]);

  get connections(): number {
    return this.open.size;
  }

  async serve(req: FastifyRequest, reply: FastifyReply): Promise<void> {
    // Subscribed before the first snapshot is read: no change can fall between the two.
    let stopListening: () => void;
    try {
      stopListening = await Promise.race([
        this.events.listen(() => this.schedule()),
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('subscribe timeout')), SUBSCRIBE_TIMEOUT_MS).unref(),
        ),
      ]);
    } catch {
      throw new DomainError('SERVICE_UNAVAILABLE', 'The live wallboard is unavailable (Redis).');
    }
    let first: WallboardDto;
    try {
      first = await this.wallboard.compute();
    } catch (err) {
      stopListening();
      throw err;
    }

    reply.hijack();
    const raw = reply.raw;
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
    raw.write(frame(first));
    this.open.add(raw);
    this.startTicking();

    const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), SSE_HEARTBEAT_MS);
    heartbeat.unref();
    let closed = false;
    const cleanUp = () => {
      if (closed) return;
      closed = true;
      clearInterval(heartbeat);
      stopListening();
      this.open.delete(raw);
      if (this.open.size === 0) this.stopTicking();
    };
    req.raw.on('close', cleanUp);
    raw.on('close', cleanUp);
    raw.on('error', cleanUp);
  }

  /** Asks for a push: at once after a quiet spell, else when the minimum interval has passed. */
  private schedule(): void {
    if (this.closing || this.open.size === 0) return;
    if (this.computing) {
      this.dirty = true;
      return;
    }
    if (this.pushTimer) return;
    const wait = Math.max(WALLBOARD_GATHER_MS, this.lastPushAt + WALLBOARD_MIN_PUSH_INTERVAL_MS - Date.now());
    this.pushTimer = setTimeout(() => {
      this.pushTimer = null;
      void this.push();
    }, wait);
    this.pushTimer.unref();
  }

  private async push(): Promise<void> {
    if (this.closing || this.open.size === 0) return;
    this.computing = true;
    this.dirty = false;
    this.lastPushAt = Date.now();
    try {
      const text = frame(await this.wallboard.compute());
      for (const response of this.open) response.write(text);
    } catch (err) {
      // PostgreSQL away: the screens keep their last figures; the next tick tries again.
      this.log.warn(`could not compute the wallboard: ${(err as Error).message}`);
    } finally {
      this.computing = false;
      if (this.dirty) this.schedule();
    }
  }

  private startTicking(): void {
    if (this.tickTimer) return;
    this.tickTimer = setInterval(() => this.schedule(), WALLBOARD_TICK_MS);
    this.tickTimer.unref();
  }

  private stopTicking(): void {
    if (this.tickTimer) clearInterval(this.tickTimer);
    if (this.pushTimer) clearTimeout(this.pushTimer);
    this.tickTimer = null;
    this.pushTimer = null;
  }

  /** Ends every stream before the HTTP server closes (it would otherwise wait for them). */
  beforeApplicationShutdown(): void {
    this.stopCounting();
    this.closing = true;
    this.stopTicking();
    for (const response of this.open) response.end();
    this.open.clear();
  }
}

function frame(dto: WallboardDto): string {
  return `event: wallboard\ndata: ${JSON.stringify(dto)}\n\n`;
}
