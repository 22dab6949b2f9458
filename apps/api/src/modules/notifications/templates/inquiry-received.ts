import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailContext, MailTemplate } from './types';

/** One line, no control characters: what a subject may carry of the caller's name. */
const oneLine = (value: string) => value.replace(/[\p{Cc}\s]+/gu, ' ').trim();

/** R6.1: the subject says whether a call back is needed, so it shows in the inbox. */
export function inquirySubject(
  brandName: string,
  d: { callbackRequired: boolean; urgent: boolean; callerName: string; callerCompany: string | null },
): string {
  const kind = d.callbackRequired ? '折り返し必要' : '入電のみ';
  const who = oneLine(d.callerCompany ? `${d.callerCompany} ${d.callerName}` : d.callerName);
  return `【${brandName}】${d.urgent ? '【急ぎ】' : ''}${kind}: ${who} 様からのお電話`;
}

/** R8.2: a reminder's subject: the call back is still not done. */
export function reminderSubject(
  brandName: string,
  d: { urgent: boolean; callerName: string; callerCompany: string | null; receivedAt: string },
): string {
  const who = oneLine(d.callerCompany ? `${d.callerCompany} ${d.callerName}` : d.callerName);
  return `【${brandName}】【リマインド】${d.urgent ? '【急ぎ】' : ''}折り返し未対応: ${who} 様（${oneLine(d.receivedAt)} 受付）`;
}

/** R6.1, R4.2: a new inquiry, with everything the operator recorded and a link to it. */
export const inquiryReceived: MailTemplate<'inquiry-received'> = (d, ctx) => render(d, ctx, false);

/** R8.2: the same inquiry again, still unhandled after the account's set time. */
export const inquiryReminder: MailTemplate<'inquiry-reminder'> = (d, ctx) => render(d, ctx, true);

function render(d: Parameters<MailTemplate<'inquiry-received'>>[0], ctx: MailContext, reminder: boolean) {
  const subject = reminder ? reminderSubject(ctx.brandName, d) : inquirySubject(ctx.brandName, d);
  const kind = d.callbackRequired ? '折り返し必要' : '入電のみ（折り返し不要）';
  const lead = reminder
    ? 'まだ「対応済み」になっていない、折り返し必要のお問い合わせがあります。折り返しのご連絡をお願いいたします。'
    : d.callbackRequired
      ? 'お電話をお受けしました。折り返しのご連絡をお願いいたします。'
      : 'お電話をお受けしました。折り返しは不要とのことです。';
  const rows: [string, string][] = [
    ['受付日時', d.receivedAt],
    ['区分', `${d.urgent ? '【急ぎ】' : ''}${kind}`],
    ['お名前', `${d.callerName} 様`],
    ['会社名', d.callerCompany ?? '—'],
    ['発信者番号', d.callerNumber ?? '非通知'],
    ['ご用件の宛先', d.forWhom ?? '—'],
    ['折り返し先', d.callbackNumber ?? '—'],
    ['分類', d.categoryLabel],
  ];

  const text = `${lead}

${rows.map(([k, v]) => `${k}: ${v}`).join('\n')}

ご用件:
${d.content}

詳細と対応状況の更新はこちら:
${d.inquiryUrl}${
    d.markHandledUrl
      ? `

ログインせずに対応済みにする（このリンクは一度だけ、7日間有効です）:
${d.markHandledUrl}`
      : ''
  }`;

  const html = markup`<p>${lead}</p>
<table style="border-collapse:collapse;width:100%;font-size:14px">${rows.map(
    ([k, v]) =>
      markup`<tr><th style="text-align:left;padding:6px 8px;border-bottom:1px solid #eee;white-space:nowrap;color:#555;font-weight:normal">${k}</th><td style="padding:6px 8px;border-bottom:1px solid #eee">${v}</td></tr>`,
  )}</table>
<p style="margin:16px 0 4px;color:#555">ご用件</p>
<p style="margin:0;white-space:pre-wrap">${d.content}</p>
<p style="margin:24px 0"><a href="${checkedUrl(d.inquiryUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">問い合わせを開く</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(d.inquiryUrl)}</p>${
    d.markHandledUrl
      ? // Its own block that may wrap anywhere: a narrow phone mail app must not widen the message.
        markup`<p style="font-size:13px;color:#555;margin:16px 0 6px;overflow-wrap:anywhere;word-break:break-word">ログインせずに対応済みにする（一度だけ、7日間有効）</p><p style="margin:0 0 16px;max-width:100%;overflow-wrap:anywhere;word-break:break-all"><a href="${checkedUrl(d.markHandledUrl)}" style="display:inline-block;max-width:100%;box-sizing:border-box;border:1px solid #1a56db;color:#1a56db;padding:8px 16px;border-radius:6px;text-decoration:none">対応済みにする</a></p>`
      : ''
  }`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
}
