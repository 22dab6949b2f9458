import type { MailTemplates } from '../mail.types';
import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };
const data = (over: Partial<MailTemplates['inquiry-received']> = {}): MailTemplates['inquiry-received'] => ({
  receivedAt: '2026年11月25日(水) 11:00',
  callerName: '佐藤 一郎',
  callerCompany: '株式会社ABC',
  callerNumber: '090-1111-2222',
  forWhom: '田中様',
  callbackRequired: true,
  callbackNumber: '090-1234-5678',
  content: '見積もりの件で\nお電話ください。',
  categoryLabel: '通常',
  urgent: false,
  inquiryUrl: 'https://app.example.jp/inquiries/abc',
  ...over,
});

describe('inquiry-received (R6.1)', () => {
  it('says 折り返し必要 or 入電のみ in the subject, and 【急ぎ】 when urgent', () => {
    expect(renderMail('inquiry-received', data(), ctx).subject).toBe(
      '【BusinessCall】折り返し必要: 株式会社ABC 佐藤 一郎 様からのお電話',
    );
    expect(renderMail('inquiry-received', data({ urgent: true }), ctx).subject).toBe(
      '【BusinessCall】【急ぎ】折り返し必要: 株式会社ABC 佐藤 一郎 様からのお電話',
    );
    expect(
      renderMail('inquiry-received', data({ callbackRequired: false, callerCompany: null }), ctx).subject,
    ).toBe('【BusinessCall】入電のみ: 佐藤 一郎 様からのお電話');
  });

  it('keeps the subject on one line whatever the name holds', () => {
    const { subject } = renderMail(
      'inquiry-received',
      data({ callerName: '佐藤\r\nBcc: x@example.jp' }),
      ctx,
    );
    expect(subject).not.toMatch(/[\r\n]/);
  });

  it('carries every field and the link in both bodies, escaped in HTML', () => {
    const mail = renderMail('inquiry-received', data({ callerName: '<b>佐藤</b>' }), ctx);
    for (const part of [
      '2026年11月25日(水) 11:00',
      '株式会社ABC',
      '090-1111-2222',
      '田中様',
      '090-1234-5678',
      '通常',
    ]) {
      expect(mail.text).toContain(part);
      expect(mail.html).toContain(part);
    }
    expect(mail.text).toContain('<b>佐藤</b> 様');
    expect(mail.html).toContain('&lt;b&gt;佐藤&lt;/b&gt; 様');
    expect(mail.text).toContain('見積もりの件で\nお電話ください。');
    expect(mail.text).toContain('https://app.example.jp/inquiries/abc');
    expect(mail.html).toContain('href="https://app.example.jp/inquiries/abc"');
  });

  it('shows 非通知 and dashes for what was not recorded', () => {
    const mail = renderMail(
      'inquiry-received',
      data({ callerNumber: null, callerCompany: null, forWhom: null, callbackNumber: null }),
      ctx,
    );
    expect(mail.text).toContain('発信者番号: 非通知');
    expect(mail.text).toContain('折り返し先: —');
  });
});

describe('inquiry-received: the "mark handled" link (R8.4)', () => {
  it('carries the signed link in the text and the HTML when given, and says it works once for 7 days', () => {
    const url = 'https://app.example.jp/links/mark-handled#abc.def';
    const mail = renderMail('inquiry-received', data({ markHandledUrl: url }), ctx);
    expect(mail.text).toContain(url);
    expect(mail.text).toContain('一度だけ、7日間有効');
    expect(mail.html).toContain(`href="${url}"`);
  });

  it('has no such link when none is given (the inquiry was already handled)', () => {
    const mail = renderMail('inquiry-received', data(), ctx);
    expect(mail.text).not.toContain('mark-handled');
    expect(mail.html).not.toContain('mark-handled');
  });
});
