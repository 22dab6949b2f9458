import { link, markup } from './html';
import { htmlLayout, textLayout } from './layout';
import type { MailTemplate } from './types';

const KIND_LABELS = { webhook: 'Webhook', slack: 'Slack', teams: 'Microsoft Teams' } as const;

/** R6.3: an endpoint stopped receiving notifications after repeated failures; how to turn it on again. */
export const webhookDisabled: MailTemplate<'webhook-disabled'> = (
  { name, kind, endpointLabel, settingsUrl },
  ctx,
) => {
  const kindLabel = KIND_LABELS[kind] ?? kind;
  const subject = `【${ctx.brandName}】${kindLabel} への通知を停止しました`;
  const lead = `${kindLabel} の通知先「${endpointLabel}」への送信が続けて失敗したため、この通知先への通知を停止しました。`;
  const next =
    '受信側の設定をご確認のうえ、連携ページで通知先を有効にしてください。その間のお問い合わせは、メールなど他の通知先と受信箱でご確認いただけます。';

  const text = `${name} 様

${lead}

${next}
${settingsUrl}`;

  const html = markup`<p>${name} 様</p>
<p>${lead}</p>
<p>${next}</p>
<p>${link(settingsUrl)}</p>`;

  return { subject, text: textLayout(ctx, text), html: htmlLayout(ctx, subject, html) };
};
