/**
 * The port the mail processor sends through. SmtpMailTransport is the one adapter; tests may bind
 * another to MAIL_TRANSPORT.
 */
export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<id@domain>`: the same on every attempt of a job, so a resent duplicate is recognisable. */
  messageId: string;
  /** Extra headers, e.g. `X-Idempotency-Key` on inquiry notifications. */
  headers?: Record<string, string>;
}

export interface MailSendResult {
  messageId: string;
  /** The server's final reply, e.g. `250 Queued as …`. */
  response: string;
}

export interface MailTransport {
  send(mail: OutgoingMail): Promise<MailSendResult>;
}

export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');

/** A failed send, classified: permanent failures are not retried. Never carries the message body. */
export class MailDeliveryError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The SMTP reply code when the server answered, e.g. 451 or 550. */
    readonly responseCode?: number,
    /** The transport's error code, e.g. ECONNECTION. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'MailDeliveryError';
  }
}
