import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';

/** Chatwork could not be reached, or answered 5xx: try again later. */
export class ChatworkUnavailableError extends Error {}

/** The token endpoint refused (invalid_grant, invalid_client …): the link no longer works. */
export class ChatworkGrantError extends Error {
  constructor(
    readonly error: string,
    message: string,
  ) {
    super(message);
  }
}

export interface ChatworkTokens {
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

export interface ChatworkResponse {
  status: number;
  body: unknown;
  headers: Headers;
}

const TIMEOUT_MS = 10_000;

/** Chatwork's OAuth token endpoint and API v2 (protocols.md §1): Basic client auth, form bodies. */
@Injectable()
export class ChatworkApi {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  get settings() {
    return this.config.chatwork;
  }

  async token(params: Record<string, string>): Promise<ChatworkTokens> {
    const { clientId, clientSecret, tokenUrl } = this.config.chatwork;
    if (!clientId || !clientSecret)
      throw new ChatworkGrantError('invalid_client', 'Chatwork is not configured');
    let res: Response;
    try {
      res = await fetch(tokenUrl, {
        method: 'POST',
        headers: {
          authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'application/json',
        },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new ChatworkUnavailableError(`token endpoint unreachable: ${(err as Error).message}`);
    }
    const body = (await res.json().catch(() => null)) as Record<string, unknown> | null;
    if (res.status >= 500) throw new ChatworkUnavailableError(`token endpoint answered ${res.status}`);
    if (!res.ok || !body || typeof body.access_token !== 'string') {
      const error = typeof body?.error === 'string' ? body.error : `http_${res.status}`;
      const description = typeof body?.error_description === 'string' ? `: ${body.error_description}` : '';
      throw new ChatworkGrantError(error, `${error}${description}`.slice(0, 400));
    }
    // expires_in may be a number or a numeric string (Chatwork's PDF example); default 15 minutes
    const expiresIn = Number(body.expires_in);
    const seconds = Number.isFinite(expiresIn) && expiresIn > 0 && expiresIn < 86_400 * 30 ? expiresIn : 900;
    return {
      accessToken: body.access_token,
      refreshToken: typeof body.refresh_token === 'string' ? body.refresh_token : params.refresh_token!,
      expiresAt: new Date(Date.now() + seconds * 1000),
    };
  }

  /** A call to the API with the bearer token; network errors are ChatworkUnavailableError. */
  async call(
    accessToken: string,
    method: 'GET' | 'POST',
    path: string,
    form?: Record<string, string>,
  ): Promise<ChatworkResponse> {
    let res: Response;
    try {
      res = await fetch(`${this.config.chatwork.apiUrl}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${accessToken}`,
          accept: 'application/json',
          ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        },
        body: form ? new URLSearchParams(form).toString() : undefined,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
    } catch (err) {
      throw new ChatworkUnavailableError(`Chatwork unreachable: ${(err as Error).message}`);
    }
    const text = await res.text().catch(() => '');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    return { status: res.status, body, headers: res.headers };
  }
}

/** The first of Chatwork's `{"errors":[…]}`, for a message the customer may see. */
export function chatworkError(body: unknown): string {
  const errors = (body as { errors?: unknown } | null)?.errors;
  return Array.isArray(errors) && typeof errors[0] === 'string' ? errors[0].slice(0, 300) : '';
}
