import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { checkUrl, guardedLookup, UrlRefusedError, type EndpointKind } from './url-guard';
import { EVENT_ID_HEADER, EVENT_TYPE_HEADER, SIGNATURE_HEADER, sign } from './webhook-signature';

/** The body of every webhook: `{ id, type, createdAt, data }`. The id is stable across retries. */
export interface WebhookEvent<T = unknown> {
  id: string;
  type: string;
  createdAt: string;
  data: T;
}

export function webhookEvent<T>(
  type: string,
  data: T,
  id = `evt_${randomUUID()}`,
  createdAt = new Date(),
): WebhookEvent<T> {
  return { id, type, createdAt: createdAt.toISOString(), data };
}

/** The raw body and headers of a signed webhook request. */
export function signedRequest(event: WebhookEvent, secret: string, now = Math.floor(Date.now() / 1000)) {
  const body = JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      [SIGNATURE_HEADER]: sign(body, secret, now),
      [EVENT_ID_HEADER]: event.id,
      [EVENT_TYPE_HEADER]: event.type,
    },
  };
}

/** The text Slack and Teams show for a test. */
export const CHAT_TEST_TEXT = 'BusinessCall テスト通知';

export type SendFailure = 'url_refused' | 'timeout' | 'connection_refused' | 'unresolvable' | 'network';

/** Nothing came back from the receiver (no HTTP status). Never carries the URL's path or a secret. */
export class WebhookSendError extends Error {
  constructor(
    readonly failure: SendFailure,
    message: string,
    readonly refusal?: UrlRefusedError,
  ) {
    super(message);
    this.name = 'WebhookSendError';
  }
}

export interface SendResult {
  status: number;
  durationMs: number;
}

const MAX_RESPONSE_BYTES = 64 * 1024;

/**
 * POSTs to a customer's URL behind the SSRF guard: the URL is checked again, and the socket
 * connects only to an address the guard's lookup accepted (no redirects are followed). Used by the
 * test button and the delivery jobs alike.
 */
@Injectable()
export class WebhookSender {
  private readonly allowLoopback: boolean;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.allowLoopback = config.webhooks.allowLoopback;
  }

  async post(
    rawUrl: string,
    kind: EndpointKind,
    body: string,
    headers: Record<string, string>,
    timeoutMs = 5000,
  ): Promise<SendResult> {
    let url: URL;
    try {
      ({ url } = await checkUrl(rawUrl, kind, { allowLoopback: this.allowLoopback }));
    } catch (err) {
      if (err instanceof UrlRefusedError) {
        const failure = err.reason === 'unresolvable' ? 'unresolvable' : 'url_refused';
        throw new WebhookSendError(failure, err.message, err);
      }
      throw err;
    }
    const started = performance.now();
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<SendResult>((resolve, reject) => {
      const req = send(
        url,
        {
          method: 'POST',
          headers: {
            ...headers,
            'content-length': String(Buffer.byteLength(body)),
            'user-agent': 'BusinessCall-Webhooks/1.0',
          },
          lookup: guardedLookup(this.allowLoopback) as never,
          timeout: timeoutMs,
        },
        (res: IncomingMessage) => {
          let seen = 0;
          res.on('data', (chunk: Buffer) => {
            seen += chunk.length;
            if (seen > MAX_RESPONSE_BYTES) res.destroy(); // the status is all we need
          });
          const done = () =>
            resolve({ status: res.statusCode ?? 0, durationMs: Math.round(performance.now() - started) });
          res.on('end', done);
          res.on('close', done);
          res.on('error', done);
        },
      );
      const deadline = setTimeout(
        () => req.destroy(new WebhookSendError('timeout', `no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      req.on('timeout', () =>
        req.destroy(new WebhookSendError('timeout', `no answer within ${timeoutMs} ms`)),
      );
      req.on('close', () => clearTimeout(deadline));
      req.on('error', (err: NodeJS.ErrnoException) => {
        clearTimeout(deadline);
        if (err instanceof WebhookSendError) return reject(err);
        if (err instanceof UrlRefusedError)
          return reject(new WebhookSendError('url_refused', err.message, err));
        if (err.code === 'ECONNREFUSED')
          return reject(new WebhookSendError('connection_refused', 'the connection was refused'));
        if (err.code === 'ENOTFOUND' || err.code === 'EAI_AGAIN')
          return reject(new WebhookSendError('unresolvable', `the host ${url.hostname} cannot be resolved`));
        if (err.code === 'ETIMEDOUT')
          return reject(new WebhookSendError('timeout', `no answer within ${timeoutMs} ms`));
        reject(new WebhookSendError('network', `the request failed (${err.code ?? err.message})`));
      });
      req.end(body);
    });
  }
}
