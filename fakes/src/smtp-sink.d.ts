// Types for smtp-sink.js (kept by hand: the fake is plain JavaScript).

export interface CaughtMail {
  id: string;
  /** ISO time. */
  receivedAt: string;
  /** MAIL FROM. */
  envelopeFrom: string;
  /** RCPT TO, lower case. */
  envelopeTo: string[];
  /** From header, as text. */
  from: string;
  /** To header, as text. */
  to: string;
  /** Decoded subject. */
  subject: string;
  /** Decoded plain-text body ('' when absent). */
  text: string;
  /** Decoded HTML body ('' when absent). */
  html: string;
  messageId: string | null;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The message as received (MIME source). */
  raw: string;
}

export interface SmtpSinkOptions {
  /** Default 1025; 0 picks a free port. */
  smtpPort?: number;
  /** Default 1080; 0 picks a free port. */
  httpPort?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Messages kept in memory, newest first (default 500). */
  maxMessages?: number;
  /** No console lines. */
  quiet?: boolean;
}

export interface SmtpSink {
  host: string;
  smtpPort: number;
  httpPort: number;
  /** The inbox page and JSON API. */
  url: string;
  /** Caught messages, newest first; only those to `to` (envelope or To header) when given. */
  messages(to?: string): CaughtMail[];
  clear(): void;
  /** The next `count` messages are refused at the end of DATA with `code` (default 451). */
  failNext(count: number, code?: number, message?: string): void;
  /** The first message to `to` (already caught or still to come) that `match` accepts. */
  waitForMessage(
    to: string,
    opts?: { timeoutMs?: number; match?: (mail: CaughtMail) => boolean },
  ): Promise<CaughtMail>;
  close(): Promise<void>;
}

export function startSmtpSink(options?: SmtpSinkOptions): Promise<SmtpSink>;
