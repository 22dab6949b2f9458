import { buildConfig } from '../../../config/app.config';
import { validateEnv } from '../../../config/env.validation';
import { renderMail } from '../../notifications/templates';

const SECRET = 'x'.repeat(32);

describe('the invoice issuer (R2.8) is validated at start-up', () => {
  it('is required in production', () => {
    expect(() => validateEnv({ JWT_SECRET: SECRET, NODE_ENV: 'production' })).toThrow(
      /INVOICE_ISSUER_NAME: .*required[\s\S]*INVOICE_ISSUER_REGISTRATION_NUMBER: .*required/,
    );
  });

  it('refuses a registration number that is not T + 13 digits', () => {
    for (const bad of ['7120001168421', 'T712000116842', 'T71200011684210', 'TX120001168421']) {
      expect(() => validateEnv({ JWT_SECRET: SECRET, INVOICE_ISSUER_REGISTRATION_NUMBER: bad })).toThrow(
        /INVOICE_ISSUER_REGISTRATION_NUMBER: must be T followed by 13 digits/,
      );
    }
  });

  it('takes the configured issuer, and a demo issuer outside production', () => {
    const configured = buildConfig(
      validateEnv({
        JWT_SECRET: SECRET,
        INVOICE_ISSUER_NAME: '株式会社ビジネスコール',
        INVOICE_ISSUER_REGISTRATION_NUMBER: 'T1180301018771',
      }),
    );
    expect(configured.invoices).toEqual({
      issuerName: '株式会社ビジネスコール',
      registrationNumber: 'T1180301018771',
    });
    expect(buildConfig(validateEnv({ JWT_SECRET: SECRET })).invoices.registrationNumber).toMatch(/^T\d{13}$/);
  });
});

describe('billing mails (R6.5, R2.9)', () => {
  const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };
  it('announces an issued invoice with its number, month and amount', () => {
    const mail = renderMail(
      'invoice-issued',
      {
        name: '山田 太郎',
        invoiceNumber: 'BC-00000042',
        periodLabel: '2026年4月',
        issueDate: '2026年4月1日',
        total: 6380,
        kindLabel: '月額',
        invoicesUrl: 'https://app.example.jp/billing/invoices',
      },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】請求書を発行しました（2026年4月分）');
    expect(mail.text).toContain('BC-00000042');
    expect(mail.text).toContain('6,380円');
    expect(mail.html).toContain('href="https://app.example.jp/billing/invoices"');
  });

  it('says a payment failed, when it is tried again, and where to change the card', () => {
    const mail = renderMail(
      'payment-failed',
      {
        name: '山田 太郎',
        invoiceNumber: 'BC-00000042',
        periodLabel: '2026年4月',
        total: 5500,
        nextAttemptOn: '2026年4月2日',
        cardUrl: 'https://app.example.jp/card',
        invoicesUrl: 'https://app.example.jp/billing/invoices',
      },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】お支払いに失敗しました');
    expect(mail.text).toContain('2026年4月2日に自動で再度ご請求します');
    expect(mail.html).toContain('href="https://app.example.jp/card"');
  });
});
