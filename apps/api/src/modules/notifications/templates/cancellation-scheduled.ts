import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

/** R2.6/R6.5: the cancellation was accepted, and the contract's last day. */
export const cancellationScheduled: MailTemplate<'cancellation-scheduled'> = (
  { name, endsOn, viaPhone, billingUrl },
  ctx,
) => {
  const subject = `【${ctx.brandName}】解約を受け付けました`;
  const lead = viaPhone
    ? `お電話でお申し出いただいた解約を受け付けました。ご契約は${endsOn}で終了します。`
    : `解約のお申し込みを受け付けました。ご契約は${endsOn}で終了します。`;
  const facts = [
    `契約終了日: ${endsOn}（この日まで電話代行をご利用いただけます）`,
    '最終のご請求は、最終月の超過通話料のみです（月額料金はかかりません）。',
    '終了日までは、ご請求・プランの画面から解約を取り消せます。',
  ];

  const text = `${name} 様

${lead}

${facts.join('\n')}

${billingUrl}`;

  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<ul style="padding-left:20px">${facts.map((f) => markup`<li>${f}</li>`)}</ul>
<p style="margin:24px 0"><a href="${checkedUrl(billingUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">ご請求・プランを見る</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(billingUrl)}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
