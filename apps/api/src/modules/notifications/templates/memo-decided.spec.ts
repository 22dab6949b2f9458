import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };

describe('memo-decided', () => {
  it('says an approved Q&A is approved, with the link', () => {
    const mail = renderMail(
      'memo-decided',
      { name: '山田 太郎', kind: 'qa', approved: true, reason: null, memoUrl: 'https://app.example.jp/memo' },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】Q&Aを承認しました');
    expect(mail.text).toContain('山田 太郎 様');
    expect(mail.html).toContain('href="https://app.example.jp/memo"');
  });

  it('carries the reviewer’s reason when rejected, escaped in HTML', () => {
    const mail = renderMail(
      'memo-decided',
      {
        name: '山田 太郎',
        kind: 'memo',
        approved: false,
        reason: '<b>指示</b>は記載できません',
        memoUrl: 'https://app.example.jp/memo',
      },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】応答メモを登録できませんでした');
    expect(mail.text).toContain('<b>指示</b>は記載できません');
    expect(mail.html).toContain('&lt;b&gt;指示&lt;/b&gt;は記載できません');
  });
});
