import type { InquiryDisplay } from '../../inquiries/inquiry-read.service';

/** Chatwork's body limit (protocols.md §1.2). */
export const CHATWORK_BODY_MAX = 65535;

/**
 * Neutralises Chatwork notation in user text (protocols.md §1.6): every `[` that could open a tag
 * (`[info]`, `[To:1]`, `[toall]`, `[/title]` …) becomes the full-width `［`, so the caller's words
 * are shown as written and cannot close our `[info]` block, mention people or ping the room.
 */
export function escapeChatwork(text: string): string {
  return text.replace(/\[/g, '［').replace(/\]/g, '］');
}

export interface ChatworkMessageInput {
  inquiry: InquiryDisplay;
  receivedAt: string;
  categoryLabel: string;
  inquiryUrl: string;
  /** R8.4: the signed link that marks it handled; omitted when it already is. */
  markHandledUrl?: string | null;
  /** R8.2: the reminder of a still unhandled 折り返し必要 inquiry. */
  reminder?: boolean;
}

/** R6.2, R8.2: `[info][title]【急ぎ】折り返し必要 …[/title]…[/info]`, user text escaped. */
export function buildChatworkMessage({
  inquiry: d,
  receivedAt,
  categoryLabel,
  inquiryUrl,
  markHandledUrl,
  reminder = false,
}: ChatworkMessageInput): string {
  const e = (v: string) => escapeChatwork(v.replace(/\r\n?/g, '\n'));
  const oneLine = (v: string) => e(v.replace(/[\p{Cc}\s]+/gu, ' ').trim());
  const kind = d.callbackRequired ? '折り返し必要' : '入電のみ';
  const who = oneLine(d.callerCompany ? `${d.callerCompany} ${d.callerName}` : d.callerName);
  const title = `${reminder ? '【リマインド・未対応】' : ''}${d.urgent ? '【急ぎ】' : ''}${kind}: ${who} 様からのお電話`;
  const rows: [string, string][] = [
    ['受付日時', receivedAt],
    ['お名前', `${oneLine(d.callerName)} 様`],
    ['会社名', d.callerCompany ? oneLine(d.callerCompany) : '—'],
    ['発信者番号', d.callerNumberDisplay ?? '非通知'],
    ['ご用件の宛先', d.forWhom ? oneLine(d.forWhom) : '—'],
    ['折り返し先', d.callbackNumberDisplay ?? '—'],
    ['分類', categoryLabel],
  ];
  const head = `[info][title]${title}[/title]${rows.map(([k, v]) => `${k}: ${e(v)}`).join('\n')}\n[hr]ご用件:\n`;
  const act = markHandledUrl ? `\n対応済みにする（ログイン不要・一度だけ）: ${markHandledUrl}` : '';
  const tail = `\n[hr]詳細と対応状況の更新: ${inquiryUrl}${act}[/info]`;
  let content = e(d.content);
  const room = CHATWORK_BODY_MAX - head.length - tail.length;
  if (content.length > room) content = `${content.slice(0, Math.max(0, room - 1))}…`;
  return head + content + tail;
}
