import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import { isValidWebhookSignature, webhookUrl } from './twilio-webhook';

/**
 * Every Twilio webhook is signed with X-Twilio-Signature over the PUBLIC URL Twilio called
 * (TELEPHONY_PUBLIC_BASE_URL + the path and query) and the form parameters. One guard on the
 * webhook controller checks it before any handler reads the request, so no route can forget it.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    const { publicBaseUrl, authToken } = this.config.telephony;
    const header = req.headers['x-twilio-signature'];
    const signature = Array.isArray(header) ? header[0] : header;
    const params = isFormBody(req.body) ? req.body : {};
    if (!isValidWebhookSignature(authToken, signature, webhookUrl(publicBaseUrl, req.url), params)) {
      throw new DomainError(
        'TELEPHONY_SIGNATURE_INVALID',
        'The X-Twilio-Signature header is missing or wrong.',
      );
    }
    return true;
  }
}

function isFormBody(body: unknown): body is Record<string, unknown> {
  return typeof body === 'object' && body !== null && !Array.isArray(body);
}
