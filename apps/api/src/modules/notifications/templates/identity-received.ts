import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

/** R1.3/R6.5: the identity document arrived; staff review it next. */
export const identityReceived: MailTemplate<'identity-received'> = ({ name, documentsUrl }, ctx) => {
  const subject = `【${ctx.brandName}】本人確認書類を受け付けました`;
  const lead = '本人確認書類を受け付けました。担当者が内容を確認し、結果をメールでお知らせします。';

  const text = `${name} 様

${lead}

書類の状況は次のページでご確認いただけます。
${documentsUrl}`;

  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<p style="margin:24px 0"><a href="${checkedUrl(documentsUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">書類の状況を見る</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(documentsUrl)}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
