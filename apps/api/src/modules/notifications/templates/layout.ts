import { link, markup, type SafeHtml } from './html';
import type { MailContext } from './types';

const FOOTER_NOTE =
  'このメールは送信専用のアドレスからお送りしています。ご返信いただいてもお答えできません。';

/** The HTML shell shared by every mail: brand header, the body, and the footer. */
export function htmlLayout(ctx: MailContext, title: string, body: SafeHtml): string {
  return markup`<!doctype html>
<html lang="ja">
<head>
<meta charset="utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1" />
<title>${title}</title>
</head>
<body style="margin:0;padding:0;background:#f4f5f7">
<div style="max-width:560px;margin:0 auto;padding:24px 16px;font-family:'Hiragino Sans','Meiryo',sans-serif;font-size:15px;line-height:1.7;color:#222">
<p style="margin:0 0 16px;font-size:18px;font-weight:bold">${ctx.brandName}</p>
<div style="background:#fff;border-radius:8px;padding:24px">
${body}
</div>
<p style="margin:16px 0 0;font-size:12px;color:#666">${FOOTER_NOTE}<br />${ctx.brandName} ${link(ctx.webAppUrl)}</p>
</div>
</body>
</html>
`.value;
}

/** The plain-text body with the same footer. */
export function textLayout(ctx: MailContext, body: string): string {
  return `${body.trim()}\n\n--\n${ctx.brandName}\n${ctx.webAppUrl}\n${FOOTER_NOTE}\n`;
}
