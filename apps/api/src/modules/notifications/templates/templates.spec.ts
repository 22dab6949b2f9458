import { link, markup } from './html';
import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };

describe('markup', () => {
  it('escapes every interpolated value, but not nested fragments', () => {
    const inner = markup`<b>${'<i>'}</b>`;
    expect(markup`<p title="${'"x"'}">${inner}${['<a>', 1]}${null}</p>`.value).toBe(
      '<p title="&quot;x&quot;"><b>&lt;i&gt;</b>&lt;a&gt;1</p>',
    );
  });

  it('refuses links that are not http(s)', () => {
    expect(() => link('javascript:alert(1)')).toThrow(/javascript:/);
    expect(link('https://a.example/?a=1&b=2').value).toContain('href="https://a.example/?a=1&amp;b=2"');
  });
});

describe('confirm-email', () => {
  const mail = renderMail(
    'confirm-email',
    { name: '<b>山田</b>', confirmUrl: 'https://app.example.jp/confirm-email?token=abc', expiresInHours: 24 },
    ctx,
  );

  it('has a Japanese subject with the brand', () => {
    expect(mail.subject).toBe('【BusinessCall】メールアドレスのご確認');
  });

  it('carries the name, the link and the expiry in both bodies, escaped in HTML', () => {
    expect(mail.text).toContain('<b>山田</b> 様');
    expect(mail.text).toContain('https://app.example.jp/confirm-email?token=abc');
    expect(mail.text).toContain('24 時間');
    expect(mail.html).toContain('&lt;b&gt;山田&lt;/b&gt; 様');
    expect(mail.html).not.toContain('<b>山田');
    expect(mail.html).toContain('href="https://app.example.jp/confirm-email?token=abc"');
    expect(mail.html).toContain('24 時間');
  });

  it('refuses a link that is not http(s)', () => {
    expect(() =>
      renderMail('confirm-email', { name: 'x', confirmUrl: 'javascript:alert(1)', expiresInHours: 1 }, ctx),
    ).toThrow();
  });
});

it('refuses an unknown template', () => {
  expect(() => renderMail('nope' as 'confirm-email', {} as never, ctx)).toThrow(/unknown mail template/);
});

describe('number-issued', () => {
  const mail = renderMail(
    'number-issued',
    {
      name: '<b>山田</b>',
      numberDisplay: '03-1234-5678',
      issuedAt: '2026年11月25日 13:00',
      guideUrl: 'https://app.example.jp/number',
    },
    ctx,
  );

  it('has the Japanese subject with the brand', () => {
    expect(mail.subject).toBe('【BusinessCall】ご利用番号を発行しました');
  });

  it('carries the number, the date, the three ways and the guide link, escaped in HTML', () => {
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('03-1234-5678');
      expect(body).toContain('2026年11月25日 13:00');
      for (const way of ['A)', 'B)', 'C)']) expect(body).toContain(way);
    }
    expect(mail.text).toContain('<b>山田</b> 様');
    expect(mail.text).toContain('https://app.example.jp/number');
    expect(mail.html).toContain('&lt;b&gt;山田&lt;/b&gt; 様');
    expect(mail.html).toContain('href="https://app.example.jp/number"');
  });
});

describe('signup-existing-account', () => {
  const mail = renderMail(
    'signup-existing-account',
    { name: '<b>山田</b>', loginUrl: 'https://app.example.jp/login' },
    ctx,
  );

  it('tells the owner no account was created and where to log in, escaped in HTML', () => {
    expect(mail.subject).toBe('【BusinessCall】このメールアドレスはすでに登録されています');
    expect(mail.text).toContain('新しいアカウントは作成していません');
    expect(mail.text).toContain('https://app.example.jp/login');
    expect(mail.html).toContain('&lt;b&gt;山田&lt;/b&gt; 様');
    expect(mail.html).toContain('href="https://app.example.jp/login"');
  });
});
