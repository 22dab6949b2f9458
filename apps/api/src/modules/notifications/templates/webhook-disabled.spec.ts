import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };

describe('webhook-disabled mail (R6.3)', () => {
  it('names the endpoint and links to the integrations page, escaped in HTML', () => {
    const mail = renderMail(
      'webhook-disabled',
      {
        name: '山田 太郎',
        kind: 'slack',
        endpointLabel: '<営業>',
        reason: '5 deliveries in a row failed',
        settingsUrl: 'https://app.example.jp/integrations',
      },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】Slack への通知を停止しました');
    expect(mail.text).toContain('山田 太郎 様');
    expect(mail.text).toContain('「<営業>」');
    expect(mail.text).toContain('https://app.example.jp/integrations');
    expect(mail.html).toContain('&lt;営業&gt;');
    expect(mail.html).not.toContain('<営業>');
  });
});
