import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

/** R1.3/R1.6/R6.5: a document was rejected, with the reason; how to send another. */
export const identityRejected: MailTemplate<'identity-rejected'> = ({ name, reason, documentsUrl }, ctx) => {
  const subject = `【${ctx.brandName}】本人確認書類を確認できませんでした`;
  const lead = 'お送りいただいた本人確認書類を確認できませんでした。理由は次のとおりです。';
  const again = 'お手数ですが、次のページから書類をもう一度お送りください。';

  const text = `${name} 様

${lead}

${reason}

${again}
${documentsUrl}`;

  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid #c81e1e;background:#fdf2f2;white-space:pre-wrap">${reason}</blockquote>
<p>${again}</p>
<p style="margin:24px 0"><a href="${checkedUrl(documentsUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">書類を送る</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(documentsUrl)}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
