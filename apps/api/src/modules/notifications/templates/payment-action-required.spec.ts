import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };

describe('payment-action-required (issue 17)', () => {
  it('asks for the 3-D Secure authentication with the link to the invoice’s page', () => {
    const url = 'https://app.example.jp/billing/invoices/0f680b24-10e3-473f-a309-ec829cb6c9d1/authenticate';
    const mail = renderMail(
      'payment-action-required',
      {
        name: '山田 太郎',
        invoiceNumber: 'BC-00000042',
        periodLabel: '2026年4月',
        total: 5500,
        authenticateUrl: url,
        invoicesUrl: 'https://app.example.jp/billing/invoices',
      },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】お支払いにカードの本人認証が必要です');
    expect(mail.text).toContain('BC-00000042、5,500円');
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(`href="${url}"`);
  });
});
