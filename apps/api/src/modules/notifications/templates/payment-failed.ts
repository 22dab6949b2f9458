import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** R2.9: a charge was declined; it is tried again on a schedule, and a new card triggers a retry. */
export const paymentFailed: MailTemplate<'payment-failed'> = (
  { name, invoiceNumber, periodLabel, total, nextAttemptOn, cardUrl, invoicesUrl },
  ctx,
) => {
  const subject = `【${ctx.brandName}】お支払いに失敗しました`;
  const lead = `ご登録のクレジットカードで ${periodLabel}分のご請求（${invoiceNumber}、${yen(total)}）をお支払いいただけませんでした。`;
  const next = nextAttemptOn
    ? `${nextAttemptOn}に自動で再度ご請求します。`
    : '自動での再請求は終了しました。カードを更新いただくと、すぐに再度ご請求します。';
  const cardNote = 'カードを変更すると、未払いのご請求をすぐにお支払いいただけます。';
  const text = `${name} 様

${lead}
${next}

${cardNote}
${cardUrl}

請求一覧: ${invoicesUrl}`;
  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<p>${next}</p>
<p>${cardNote}</p>
<p style="margin:24px 0"><a href="${checkedUrl(cardUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">カードを変更する</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(cardUrl)}<br />請求一覧: ${link(invoicesUrl)}</p>`;
  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
