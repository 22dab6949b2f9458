import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { RedisService } from '../../redis/redis.service';
import type { CallEventDto } from './dto/telephony.dto';
import type { DeskEventDto } from './desk/dto/desk.dto';

/** What the operators' stream carries: call events for everyone, desk events for their operator. */
export type StreamEvent = CallEventDto | DeskEventDto;

export type CallEventListener = (event: StreamEvent) => void;

/**
 * Call events across API processes: every process publishes on one Redis channel (under
 * REDIS_PREFIX) and every process that has SSE clients subscribes and hands each event to its own
 * listeners. The subscriber connection is opened on the first listener (never in the worker) and
 * closed at shutdown.
 */
@Injectable()
export class CallEventsService implements OnApplicationShutdown {
  private readonly log = new Logger('call-events');
  private readonly listeners = new Set<CallEventListener>();
  private subscriber: Redis | null = null;
  private subscribed: Promise<void> | null = null;

  constructor(private readonly redis: RedisService) {}

  get channel(): string {
    return this.redis.key('telephony', 'call-events');
  }

  /** Publishes after the change is committed. A Redis outage loses the push, not the call. */
  async publish(event: StreamEvent): Promise<void> {
    try {
      await this.redis.client.publish(this.channel, JSON.stringify(event));
    } catch (err) {
      this.log.warn(`could not publish ${event.type}: ${(err as Error).message}`);
    }
  }

  /**
   * Adds a listener; resolves once this process is subscribed, so an event published after that is
   * delivered. Returns the function that removes the listener.
   */
  async listen(listener: CallEventListener): Promise<() => void> {
    this.listeners.add(listener);
    try {
      await this.ensureSubscribed();
    } catch (err) {
      this.listeners.delete(listener);
      throw err;
    }
    return () => this.listeners.delete(listener);
  }

  get listenerCount(): number {
    return this.listeners.size;
  }

  private ensureSubscribed(): Promise<void> {
    if (this.subscribed) return this.subscribed;
    // A subscriber connection cannot run other commands: it gets its own (ioredis re-subscribes
    // by itself after a reconnection).
    const sub = this.redis.client.duplicate({
      enableOfflineQueue: true,
      maxRetriesPerRequest: null,
      lazyConnect: false,
    });
    this.subscriber = sub;
    sub.on('error', () => undefined); // RedisService already reports outages
    sub.on('message', (channel: string, message: string) => {
      if (channel !== this.channel) return;
      let event: StreamEvent;
      try {
        event = JSON.parse(message) as StreamEvent;
      } catch {
        return;
      }
      for (const listener of this.listeners) {
        try {
          listener(event);
        } catch (err) {
          this.log.warn(`an SSE listener failed: ${(err as Error).message}`);
        }
      }
    });
    this.subscribed = sub.subscribe(this.channel).then(
      () => undefined,
      (err: Error) => {
        this.subscribed = null;
        this.subscriber = null;
        sub.disconnect();
        throw err;
      },
    );
    return this.subscribed;
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    const sub = this.subscriber;
    this.subscriber = null;
    this.subscribed = null;
    sub?.disconnect();
  }
}
