import { Inject, Injectable, Logger } from '@nestjs/common';
import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

type RequestOptions<T> = RequestClient.RequestOptions<T>;
type Response<T> = Awaited<ReturnType<RequestClient['request']>> & { body: T };
import { APP_CONFIG, type AppConfig } from '../../config/app.config';

/**
 * The port through which the desk acts on live calls (shared/docs/protocols.md §2.5). 'gone' means
 * the call is no longer where we thought (it left the queue or ended): the caller hung up meanwhile.
 */
export interface TelephonyProvider {
  /** Takes this caller out of the queue and runs the TwiML at `url` on their call (Queue Member resource). */
  dequeue(queueSid: string, callSid: string, url: string): Promise<'dequeued' | 'gone'>;
  /** Stops what the call is doing and runs the TwiML at `url` (Calls resource): hold and resume. */
  redirect(callSid: string, url: string): Promise<'redirected' | 'gone'>;
  /** Ends the call (Calls resource, Status=completed). */
  hangUp(callSid: string): Promise<'ended' | 'gone'>;
}
export const TELEPHONY_PROVIDER = Symbol('TELEPHONY_PROVIDER');

/** Twilio's "not found" (20404) and "call not in a modifiable state" (21220) both mean: gone. */
function isGone(err: unknown): boolean {
  const e = err as { status?: number; code?: number };
  return e.status === 404 || e.code === 20404 || e.code === 21220;
}

/**
 * A twilio-node HTTP client that sends every request to another origin: the local Twilio fake,
 * which serves the same REST paths (as TwiML-compatible providers do under their own base URL).
 */
class OriginRewritingClient extends twilio.RequestClient {
  constructor(private readonly origin: string) {
    super({ timeout: 5_000, keepAlive: true });
  }

  override request<T>(opts: RequestOptions<T>): Promise<Response<T>> {
    const url = new URL(opts.uri);
    return super.request<T>({ ...opts, uri: `${this.origin}${url.pathname}${url.search}` });
  }
}

/** Twilio's REST API through twilio-node (the fake: the same calls against another origin). */
@Injectable()
export class TwilioRestTelephony implements TelephonyProvider {
  private readonly log = new Logger('telephony');
  private readonly client: twilio.Twilio;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const t = config.telephony;
    this.client = twilio(t.apiKeySid, t.apiKeySecret, {
      accountSid: t.accountSid,
      httpClient:
        t.provider === 'fake'
          ? new OriginRewritingClient(t.restBaseUrl)
          : new twilio.RequestClient({ timeout: 5_000, keepAlive: true }),
    });
  }

  async dequeue(queueSid: string, callSid: string, url: string): Promise<'dequeued' | 'gone'> {
    try {
      await this.client.queues(queueSid).members(callSid).update({ url, method: 'POST' });
      return 'dequeued';
    } catch (err) {
      if (isGone(err)) return 'gone';
      throw err;
    }
  }

  async redirect(callSid: string, url: string): Promise<'redirected' | 'gone'> {
    try {
      await this.client.calls(callSid).update({ url, method: 'POST' });
      return 'redirected';
    } catch (err) {
      if (isGone(err)) return 'gone';
      throw err;
    }
  }

  async hangUp(callSid: string): Promise<'ended' | 'gone'> {
    try {
      await this.client.calls(callSid).update({ status: 'completed' });
      return 'ended';
    } catch (err) {
      if (isGone(err)) return 'gone';
      this.log.warn({ callSid, err: (err as Error).message }, 'hang-up failed');
      throw err;
    }
  }
}
