import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

/** R6.1: confirms an address added to receive an account's inquiry notifications. */
export const notificationEmailConfirm: MailTemplate<'notification-email-confirm'> = (
  { accountName, email, confirmUrl, expiresInHours },
  ctx,
) => {
  const subject = `【${ctx.brandName}】通知先メールアドレスのご確認`;
  const who = accountName ? `${accountName} 様の` : '';
  const expiry = `このリンクの有効期限は ${expiresInHours} 時間で、一度だけお使いいただけます。期限が過ぎた場合は、登録した方に再送を依頼してください。`;
  const ignore =
    'お心当たりのない場合は、このメールを破棄してください。確認しない限り、このアドレスに通知は届きません。';

  const text = `${ctx.brandName} のご案内です。

${who}お問い合わせの通知先として、このメールアドレス（${email}）が登録されました。
次のリンクを開き、表示されるボタンを押して確認を完了してください。確認が済むと、新しいお問い合わせの通知がこのアドレスに届きます。

${confirmUrl}

${expiry}
${ignore}`;

  const html = markup`<p>${ctx.brandName} のご案内です。</p>
<p>${who}お問い合わせの通知先として、このメールアドレス（<strong>${email}</strong>）が登録されました。<br />次のボタンを押し、開いたページで確認を完了してください。確認が済むと、新しいお問い合わせの通知がこのアドレスに届きます。</p>
<p style="margin:24px 0"><a href="${checkedUrl(confirmUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">通知先メールアドレスを確認する</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(confirmUrl)}</p>
<p style="font-size:13px;color:#555">${expiry}<br />${ignore}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
