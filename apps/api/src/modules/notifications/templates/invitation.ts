import { checkedUrl, link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

const ROLE_LABELS = { owner: 'オーナー', member: 'メンバー' } as const;

/** R1.2: an invitation to join an account's team; the link creates the person's log-in. */
export const invitation: MailTemplate<'invitation'> = (
  { accountName, inviterName, role, acceptUrl, expiresInDays },
  ctx,
) => {
  const subject = `【${ctx.brandName}】${accountName} のチームへの招待`;
  const who = inviterName ? `${inviterName} 様から、` : '';
  const roleLabel = ROLE_LABELS[role];
  const expiry = `このリンクの有効期限は ${expiresInDays} 日間で、一度だけお使いいただけます。期限が過ぎた場合は、招待した方に再送を依頼してください。`;
  const ignore = 'お心当たりのない場合は、このメールを破棄してください。';

  const text = `${ctx.brandName} のご案内です。

${who}${accountName} のチームに「${roleLabel}」として招待されました。
次のリンクを開き、お名前とパスワードを設定して参加してください。

${acceptUrl}

${expiry}
${ignore}`;

  const html = markup`<p>${ctx.brandName} のご案内です。</p>
<p>${who}<strong>${accountName}</strong> のチームに「${roleLabel}」として招待されました。<br />次のボタンを押し、お名前とパスワードを設定して参加してください。</p>
<p style="margin:24px 0"><a href="${checkedUrl(acceptUrl)}" style="display:inline-block;background:#1a56db;color:#fff;padding:12px 24px;border-radius:6px;text-decoration:none">招待を承諾する</a></p>
<p style="font-size:13px;color:#555">ボタンが押せない場合は、次のリンクをブラウザで開いてください。<br />${link(acceptUrl)}</p>
<p style="font-size:13px;color:#555">${expiry}<br />${ignore}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
