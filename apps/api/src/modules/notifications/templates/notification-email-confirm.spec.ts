import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };

describe('notification-email-confirm', () => {
  const url = 'https://app.example.jp/notification-email/confirm?token=abc';
  const mail = renderMail(
    'notification-email-confirm',
    { accountName: '<b>山田商事</b>', email: 'info@example.jp', confirmUrl: url, expiresInHours: 24 },
    ctx,
  );

  it('has a Japanese subject with the brand', () => {
    expect(mail.subject).toBe('【BusinessCall】通知先メールアドレスのご確認');
  });

  it('names the account and the address, carries the link and the expiry, escaped in HTML', () => {
    expect(mail.text).toContain('<b>山田商事</b> 様の');
    expect(mail.text).toContain('info@example.jp');
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('24 時間');
    expect(mail.html).toContain('&lt;b&gt;山田商事&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>山田');
    expect(mail.html).toContain(`href="${url}"`);
    expect(mail.html).toContain('確認しない限り、このアドレスに通知は届きません');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderMail(
        'notification-email-confirm',
        { accountName: '', email: 'a@b.jp', confirmUrl: 'javascript:alert(1)', expiresInHours: 1 },
        ctx,
      ),
    ).toThrow();
  });
});
