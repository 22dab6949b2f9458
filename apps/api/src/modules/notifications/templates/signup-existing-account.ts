import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

/**
 * Sent instead of a confirmation link when someone signs up with an address that is already
 * registered: the sign-up page answers as for a new address, so only the owner of the mailbox learns
 * that the address has an account.
 */
export const signupExistingAccount: MailTemplate<'signup-existing-account'> = ({ name, loginUrl }, ctx) => {
  const subject = `【${ctx.brandName}】このメールアドレスはすでに登録されています`;
  const lead = `このメールアドレスで ${ctx.brandName} への新規登録のお申し込みがありましたが、このアドレスはすでに登録済みのため、新しいアカウントは作成していません。`;
  const action = 'ご利用中のアカウントには、次のリンクからログインしてください。';
  const ignore =
    'お心当たりのない場合は、このメールを破棄してください。第三者がお申し込みを試みた可能性がありますが、アカウントの内容は変更されていません。';

  const text = `${name} 様

${lead}
${action}

${loginUrl}

${ignore}`;

  const html = markup`<p>${name} 様</p>
<p>${lead}<br />${action}</p>
<p style="margin:24px 0"><a href="${checkedUrl(loginUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">ログインする</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(loginUrl)}</p>
<p style="font-size:13px;color:#555">${ignore}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
