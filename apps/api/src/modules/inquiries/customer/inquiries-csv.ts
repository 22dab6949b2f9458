import { JAPAN_UTC_OFFSET_MS, type InquiryStatus, INQUIRY_CATEGORY_LABELS_JA } from '@bc/domain';
import { displayOf } from '../../../common/phone/japanese-phone';
import type { InquiryRow } from './customer-inquiries.repository';

/** R4.4: the export opens in Excel: UTF-8 with a BOM, CRLF line ends, Japanese headers. */
export const CSV_BOM = '\uFEFF';
export const CSV_HEADERS = [
  '受付日時 (JST)',
  '発信者',
  '会社名',
  'ご用件の相手',
  '折り返し',
  '折り返し先',
  '区分',
  '内容',
  '急ぎ',
  '対応状況',
] as const;

const STATUS_LABELS: Record<InquiryStatus, string> = { unhandled: '未対応', handled: '対応済み' };

/** `2026-11-25 14:03` in Japan time. */
export function jstDateTime(date: Date): string {
  return new Date(date.getTime() + JAPAN_UTC_OFFSET_MS).toISOString().slice(0, 16).replace('T', ' ');
}

/** `20261125`: today in Japan time, for the file name. */
export function jstDateStamp(date: Date): string {
  return new Date(date.getTime() + JAPAN_UTC_OFFSET_MS).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. A
 * value that Excel would run as a formula (=, +, -, @, tab, CR at the start) gets a leading `'`.
 */
export function csvField(value: string | null | undefined): string {
  let text = value ?? '';
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(fields: (string | null | undefined)[]): string {
  return `${fields.map(csvField).join(',')}\r\n`;
}

export function inquiryCsvLine(row: InquiryRow): string {
  return csvLine([
    jstDateTime(new Date(row.receivedAt)),
    row.callerName,
    row.callerCompany,
    row.forWhom,
    row.callbackRequired ? '要' : '不要',
    row.callbackNumber ? displayOf(row.callbackNumber) : '',
    INQUIRY_CATEGORY_LABELS_JA[row.category] ?? row.category,
    row.content,
    row.urgent ? '急ぎ' : '',
    STATUS_LABELS[row.status] ?? row.status,
  ]);
}
