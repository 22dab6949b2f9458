import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

const yen = (n: number) => `${n.toLocaleString('ja-JP')}円`;

/** R2.8, R6.5: an invoice was issued; where to download it. */
export const invoiceIssued: MailTemplate<'invoice-issued'> = (
  { name, invoiceNumber, periodLabel, issueDate, total, kindLabel, invoicesUrl },
  ctx,
) => {
  const subject = `【${ctx.brandName}】請求書を発行しました（${periodLabel}分）`;
  const lead = `${ctx.brandName} の${kindLabel}の請求書を発行しました。ご登録のクレジットカードにご請求します。`;
  const note = '請求書と領収書（お支払い後）は、請求一覧から PDF でダウンロードできます。';
  const text = `${name} 様

${lead}

請求書番号: ${invoiceNumber}
対象: ${periodLabel}分
発行日: ${issueDate}
ご請求額: ${yen(total)}（税込）

${note}
${invoicesUrl}`;
  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<table style="margin:16px 0;border-collapse:collapse">
<tr><td style="padding:4px 12px 4px 0;color:#555">請求書番号</td><td>${invoiceNumber}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#555">対象</td><td>${periodLabel}分</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#555">発行日</td><td>${issueDate}</td></tr>
<tr><td style="padding:4px 12px 4px 0;color:#555">ご請求額</td><td style="font-weight:bold">${yen(total)}（税込）</td></tr>
</table>
<p>${note}</p>
<p style="margin:24px 0"><a href="${checkedUrl(invoicesUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">請求一覧を見る</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(invoicesUrl)}</p>`;
  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
