import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

const KIND_LABELS = { memo: '応答メモ', qa: 'Q&A', announcement: '営業時間外アナウンス' } as const;

/** R5.3/R6.5: the answer memo, Q&A or announcement filed for review was approved or rejected. */
export const memoDecided: MailTemplate<'memo-decided'> = ({ name, kind, approved, reason, memoUrl }, ctx) => {
  const label = KIND_LABELS[kind];
  const subject = approved
    ? `【${ctx.brandName}】${label}を承認しました`
    : `【${ctx.brandName}】${label}を登録できませんでした`;
  const lead = approved
    ? `審査に出された${label}を承認しました。公開期間の指定がなければ、いまからこの内容が使われます。`
    : `審査に出された${label}を登録できませんでした。理由は次のとおりです。内容を見直して、もう一度登録してください。`;

  const text = `${name} 様

${lead}
${approved ? '' : `\n${reason ?? ''}\n`}
${memoUrl}`;

  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
${approved ? '' : markup`<blockquote style="margin:16px 0;padding:12px 16px;border-left:4px solid #c81e1e;background:#fdf2f2;white-space:pre-wrap">${reason ?? ''}</blockquote>`}
<p style="margin:24px 0"><a href="${checkedUrl(memoUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">応答メモのページを開く</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(memoUrl)}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
