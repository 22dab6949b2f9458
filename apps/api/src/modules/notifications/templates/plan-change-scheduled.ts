import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

/** R2.5/R6.5: the plan change was accepted and when it takes effect. */
export const planChangeScheduled: MailTemplate<'plan-change-scheduled'> = (
  { name, fromPlan, toPlan, effectiveOn, billingUrl },
  ctx,
) => {
  const subject = `【${ctx.brandName}】プラン変更を受け付けました`;
  const lead = `プラン変更のお申し込みを受け付けました。${effectiveOn}から新しいプランでご利用いただけます。`;
  const note = '変更の取り消しは、適用日の前日までご請求・プランの画面から行えます。';

  const text = `${name} 様

${lead}

変更前のプラン: ${fromPlan}
変更後のプラン: ${toPlan}
適用日: ${effectiveOn}

${note}
${billingUrl}`;

  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<table style="margin:16px 0;border-collapse:collapse">
<tr><td style="padding:4px 16px 4px 0;color:#555">変更前のプラン</td><td>${fromPlan}</td></tr>
<tr><td style="padding:4px 16px 4px 0;color:#555">変更後のプラン</td><td><strong>${toPlan}</strong></td></tr>
<tr><td style="padding:4px 16px 4px 0;color:#555">適用日</td><td><strong>${effectiveOn}</strong></td></tr>
</table>
<p>${note}</p>
<p style="margin:24px 0"><a href="${checkedUrl(billingUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">ご請求・プランを見る</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(billingUrl)}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
