import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/**
 * Issue 17: the card issuer asks the cardholder to authenticate a monthly (or first) charge
 * (3-D Secure). Nothing is retried automatically: the owner opens the link and authenticates.
 */
export const paymentActionRequired: MailTemplate<'payment-action-required'> = (
  { name, invoiceNumber, periodLabel, total, authenticateUrl, invoicesUrl },
  ctx,
) => {
  const subject = `【${ctx.brandName}】お支払いにカードの本人認証が必要です`;
  const lead = `${periodLabel}分のご請求（${invoiceNumber}、${yen(total)}）のお支払いについて、カード会社から本人認証（3-Dセキュア）を求められました。`;
  const ask =
    '次のリンクから本人認証を行うと、お支払いが完了します。認証が済むまで、このご請求は未払いのままです。';
  const text = `${name} 様

${lead}
${ask}

${authenticateUrl}

請求一覧: ${invoicesUrl}`;
  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<p>${ask}</p>
<p style="margin:24px 0"><a href="${checkedUrl(authenticateUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">本人認証をしてお支払いを完了する</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(authenticateUrl)}<br />請求一覧: ${link(invoicesUrl)}</p>`;
  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
