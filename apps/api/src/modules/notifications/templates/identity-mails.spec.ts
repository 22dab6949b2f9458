import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };

describe('identity-approved', () => {
  it('says the documents were approved, with the link', () => {
    const mail = renderMail(
      'identity-approved',
      { name: '山田 太郎', documentsUrl: 'https://app.example.jp/documents' },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】本人確認書類を承認しました');
    expect(mail.text).toContain('山田 太郎 様');
    expect(mail.html).toContain('href="https://app.example.jp/documents"');
  });
});

describe('identity-rejected', () => {
  it('carries the reason in both bodies, escaped in HTML', () => {
    const mail = renderMail(
      'identity-rejected',
      { name: '山田 太郎', reason: '<b>期限切れ</b>です', documentsUrl: 'https://app.example.jp/documents' },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】本人確認書類を確認できませんでした');
    expect(mail.text).toContain('<b>期限切れ</b>です');
    expect(mail.html).toContain('&lt;b&gt;期限切れ&lt;/b&gt;です');
    expect(mail.html).not.toContain('<b>期限切れ');
  });
});

describe('identity-received (R6.5)', () => {
  it('says the document arrived and will be reviewed, with the link', () => {
    const mail = renderMail(
      'identity-received',
      { name: '山田 太郎', documentsUrl: 'https://app.example.jp/documents' },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】本人確認書類を受け付けました');
    expect(mail.text).toContain('山田 太郎 様');
    expect(mail.text).toContain('担当者が内容を確認し');
    expect(mail.html).toContain('href="https://app.example.jp/documents"');
  });
});
