import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import {
  MailDeliveryError,
  type MailSendResult,
  type MailTransport,
  type OutgoingMail,
} from './mail-transport';

/**
 * SMTP connections the worker keeps open, each carrying up to 100 messages before it is renewed.
 * One connection per message (connect, greeting, EHLO, QUIT) cost the worker and the server about
 * twice the round trips of the message itself (bench/notifications.mjs).
 */
export const SMTP_POOL_CONNECTIONS = 8;

/** Errors without a reply code that sending the same message again cannot fix. */
const PERMANENT_CODES = new Set(['EENVELOPE', 'ECONFIG', 'EMAXRECIPIENTS', 'EFILEACCESS', 'EURLACCESS']);

/**
 * Sorts a nodemailer error into permanent or temporary (RFC 5321): a 5yz reply is permanent except
 * 503 (bad command sequence: the session's fault, not the message's); a 4yz reply, a refused or
 * dropped connection, a timeout, DNS or TLS trouble are temporary.
 */
export function classifySmtpError(err: unknown): MailDeliveryError {
  const e = (err ?? {}) as { message?: string; code?: string; responseCode?: number };
  const rc = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const permanent =
    rc !== undefined ? rc >= 500 && rc !== 503 : e.code !== undefined && PERMANENT_CODES.has(e.code);
  return new MailDeliveryError(e.message ?? String(err), permanent, rc, e.code);
}

/** Sends through the configured SMTP server (the local sink in development). UTF-8, base64 bodies. */
@Injectable()
export class SmtpMailTransport implements MailTransport, OnModuleDestroy {
  private readonly transporter: Transporter;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    const { host, port, secure, user, pass } = config.mail.smtp;
    this.transporter = createTransport({
      pool: true,
      maxConnections: SMTP_POOL_CONNECTIONS,
      maxMessages: 100,
      host,
      port,
      secure,
      auth: user ? { user, pass } : undefined,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    });
  }

  async send(mail: OutgoingMail): Promise<MailSendResult> {
    try {
      const info = await this.transporter.sendMail({
        from: mail.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        html: mail.html,
        messageId: mail.messageId,
        headers: mail.headers,
        // Japanese bodies: base64 keeps lines short; nodemailer labels both parts charset=utf-8 and
        // encodes the subject as an RFC 2047 encoded-word.
        textEncoding: 'base64',
        disableFileAccess: true,
        disableUrlAccess: true,
      });
      return { messageId: String(info.messageId), response: String(info.response ?? '') };
    } catch (err) {
      throw classifySmtpError(err);
    }
  }

  onModuleDestroy(): void {
    this.transporter.close();
  }
}
