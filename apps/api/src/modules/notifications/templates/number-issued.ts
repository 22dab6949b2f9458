import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

/** The three ways to use the number (R3.2), one line each. */
const WAYS = [
  'A) この番号をそのまま名刺やWebサイトに掲載する',
  'B) お使いの電話番号からこの番号へ転送する',
  'C) お持ちのフリーダイヤル（0120）・ナビダイヤル（0570）の着信先をこの番号にする',
];

/** R3.1: the number was issued; what it is and how to start using it. */
export const numberIssued: MailTemplate<'number-issued'> = (
  { name, numberDisplay, issuedAt, guideUrl },
  ctx,
) => {
  const subject = `【${ctx.brandName}】ご利用番号を発行しました`;
  const lead = `${ctx.brandName} のご利用番号を発行しました。本日よりこの番号にかかってきた電話を、私たちが代わりにお受けします。`;
  const waysIntro = 'ご利用方法は次の3通りです。';
  const guideNote = '設定の手順と、B・C の場合にお知らせいただく内容は、ご利用ガイドでご案内しています。';

  const text = `${name} 様

${lead}

ご利用番号: ${numberDisplay}
発行日時: ${issuedAt}

${waysIntro}
${WAYS.join('\n')}

${guideNote}
${guideUrl}`;

  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<p style="margin:24px 0;text-align:center"><span style="display:block;font-size:13px;color:#555">ご利用番号</span><span style="font-size:26px;font-weight:bold;letter-spacing:1px">${numberDisplay}</span><span style="display:block;font-size:13px;color:#555">発行日時: ${issuedAt}</span></p>
<p>${waysIntro}</p>
<ul style="padding-left:20px">${WAYS.map((w) => markup`<li>${w}</li>`)}</ul>
<p>${guideNote}</p>
<p style="margin:24px 0"><a href="${checkedUrl(guideUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">ご利用ガイドを見る</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(guideUrl)}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
