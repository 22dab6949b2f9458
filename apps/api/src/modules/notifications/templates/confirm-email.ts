import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

/** R1.1: the link that confirms a new account's e-mail address. */
export const confirmEmail: MailTemplate<'confirm-email'> = ({ name, confirmUrl, expiresInHours }, ctx) => {
  const subject = `【${ctx.brandName}】メールアドレスのご確認`;
  const expiry = `このリンクの有効期限は ${expiresInHours} 時間です。期限が過ぎた場合は、お手数ですが改めてお手続きください。`;
  const ignore = 'お心当たりのない場合は、このメールを破棄してください。';

  const text = `${name} 様

${ctx.brandName} にご登録いただき、ありがとうございます。
次のリンクを開いて、メールアドレスの確認を完了してください。

${confirmUrl}

${expiry}
${ignore}`;

  const html = markup`<p>${name} 様</p>
<p>${ctx.brandName} にご登録いただき、ありがとうございます。<br />次のボタンを押して、メールアドレスの確認を完了してください。</p>
<p style="margin:24px 0"><a href="${checkedUrl(confirmUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">メールアドレスを確認する</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(confirmUrl)}</p>
<p style="font-size:13px;color:#555">${expiry}<br />${ignore}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
