import { INQUIRY_CATEGORY_LABELS_JA } from '@bc/domain';
import type { InquiryCategory } from '@bc/domain';
import type { InquiryDisplay } from '../../inquiries/inquiry-read.service';
import type { OutboxPayload } from '../../../outbox/events';
import { formatJapanTime } from '@bc/domain';

/**
 * R6.3: what webhooks, Slack and Teams receive for an inquiry. Pure (no Nest, no I/O), so the
 * bodies are unit-tested as they are sent.
 */

/** `data` of `inquiry.created`. */
export interface InquiryCreatedData {
  id: string;
  receivedAt: string;
  callerName: string;
  callerCompany: string | null;
  forWhom: string | null;
  callbackRequired: boolean;
  /** As dialled in Japan, e.g. 090-1234-5678; null when none was given. */
  callbackNumber: string | null;
  category: InquiryCategory;
  content: string;
  urgent: boolean;
  /** The inquiry in the web app. */
  url: string;
}

/** `data` of `inquiry.status_changed`. */
export interface InquiryStatusChangedData {
  inquiryId: string;
  from: string;
  to: string;
  changedAt: string;
  changedBy: string | null;
  url: string;
}

export const inquiryUrl = (webAppUrl: string, inquiryId: string) => `${webAppUrl}/inquiries/${inquiryId}`;

export function inquiryCreatedData(inquiry: InquiryDisplay, webAppUrl: string): InquiryCreatedData {
  return {
    id: inquiry.id,
    receivedAt: inquiry.receivedAt.toISOString(),
    callerName: inquiry.callerName,
    callerCompany: inquiry.callerCompany,
    forWhom: inquiry.forWhom,
    callbackRequired: inquiry.callbackRequired,
    callbackNumber: inquiry.callbackNumberDisplay,
    category: inquiry.category,
    content: inquiry.content,
    urgent: inquiry.urgent,
    url: inquiryUrl(webAppUrl, inquiry.id),
  };
}

export function inquiryStatusChangedData(
  payload: OutboxPayload<'inquiry.status_changed'>,
  webAppUrl: string,
): InquiryStatusChangedData {
  return {
    inquiryId: payload.inquiryId,
    from: payload.from,
    to: payload.to,
    changedAt: payload.changedAt,
    changedBy: payload.actorName,
    url: inquiryUrl(webAppUrl, payload.inquiryId),
  };
}

/** `data` of an `invoice.issued` webhook event: what was issued and where the customer sees it. */
export function invoiceIssuedData(payload: OutboxPayload<'invoice.issued'>, webAppUrl: string) {
  return {
    invoiceId: payload.invoiceId,
    number: payload.number,
    period: payload.period,
    kind: payload.kind ?? null,
    total: payload.total,
    currency: 'JPY',
    url: `${webAppUrl}/billing/invoices`,
  };
}

/**
 * The stable event id of a delivery: every attempt of it (retries, a resend) carries the same
 * `BusinessCall-Event-Id`, so receivers can deduplicate.
 */
export const eventIdOfDelivery = (deliveryId: string) => `evt_${deliveryId.replace(/-/g, '')}`;

/** Slack reads `&`, `<`, `>` as markup (`<!channel>` would ping everyone); Teams renders entities too. */
const escapeChat = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** One line of the caller's words, no control characters. */
const oneLine = (value: string) => value.replace(/[\p{Cc}\s]+/gu, ' ').trim();

export type ChatKind = 'slack' | 'teams';

/** The `{ text }` Slack and Teams get for a new inquiry, in Japanese. */
export function inquiryChatText(
  kind: ChatKind,
  inquiry: InquiryDisplay,
  webAppUrl: string,
  markHandledUrl: string | null = null,
  reminder = false,
): string {
  const kindLabel = inquiry.callbackRequired ? '折り返し必要' : '入電のみ';
  const who = inquiry.callerCompany
    ? `${oneLine(inquiry.callerCompany)} ${oneLine(inquiry.callerName)}`
    : oneLine(inquiry.callerName);
  const headline = `${reminder ? '【リマインド・未対応】' : ''}${inquiry.urgent ? '【急ぎ】' : ''}${kindLabel}: ${who} 様からのお電話`;
  const lines = [
    `受付日時: ${formatJapanTime(inquiry.receivedAt, 'monthDayTimeWeekday')}`,
    `ご用件の宛先: ${inquiry.forWhom ? oneLine(inquiry.forWhom) : '—'}`,
    `折り返し先: ${inquiry.callbackNumberDisplay ?? '—'}`,
    `分類: ${INQUIRY_CATEGORY_LABELS_JA[inquiry.category] ?? inquiry.category}`,
    `ご用件: ${inquiry.content}`,
  ];
  const url = inquiryUrl(webAppUrl, inquiry.id);
  if (kind === 'slack') {
    const act = markHandledUrl ? [`<${markHandledUrl}|対応済みにする（ログイン不要）>`] : [];
    return [`*${escapeChat(headline)}*`, ...lines.map(escapeChat), `<${url}|詳細を見る>`, ...act].join('\n');
  }
  // Teams (connector and Workflows) renders markdown; a single newline is no line break there.
  const act = markHandledUrl ? [`[対応済みにする（ログイン不要）](${markHandledUrl})`] : [];
  return [`**${escapeChat(headline)}**`, ...lines.map(escapeChat), `[詳細を見る](${url})`, ...act].join(
    '\n\n',
  );
}

/** 4xx is the receiver's final word, except 408 (timeout) and 429 (slow down); 5xx and others retry. */
export const isPermanentStatus = (status: number) =>
  status >= 400 && status < 500 && status !== 408 && status !== 429;
