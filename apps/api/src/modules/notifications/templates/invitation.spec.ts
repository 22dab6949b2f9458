import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };

describe('invitation mail', () => {
  const mail = renderMail(
    'invitation',
    {
      accountName: '<b>株式会社サンプル</b>',
      inviterName: '山田 太郎',
      role: 'member',
      acceptUrl: 'https://app.example.jp/invitation?token=abc',
      expiresInDays: 7,
    },
    ctx,
  );

  it('names the account in a Japanese subject with the brand', () => {
    expect(mail.subject).toBe('【BusinessCall】<b>株式会社サンプル</b> のチームへの招待');
  });

  it('carries the inviter, the role, the link and the expiry in both bodies, escaped in HTML', () => {
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('山田 太郎 様から');
      expect(body).toContain('「メンバー」');
      expect(body).toContain('7 日間');
    }
    expect(mail.text).toContain('https://app.example.jp/invitation?token=abc');
    expect(mail.html).toContain('href="https://app.example.jp/invitation?token=abc"');
    expect(mail.html).toContain('&lt;b&gt;株式会社サンプル&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>株式会社');
  });

  it('reads well without an inviter name, and for an owner', () => {
    const owner = renderMail(
      'invitation',
      {
        accountName: 'サンプル',
        inviterName: null,
        role: 'owner',
        acceptUrl: 'https://app.example.jp/invitation?token=x',
        expiresInDays: 7,
      },
      ctx,
    );
    expect(owner.text).toContain('サンプル のチームに「オーナー」として招待されました。');
    expect(owner.text).not.toContain('様から');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderMail(
        'invitation',
        { accountName: 'a', inviterName: null, role: 'member', acceptUrl: 'javascript:x', expiresInDays: 7 },
        ctx,
      ),
    ).toThrow();
  });
});
