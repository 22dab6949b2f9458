import { renderMail } from './index';

const ctx = { brandName: 'BusinessCall', webAppUrl: 'https://app.example.jp' };

describe('plan-change-scheduled', () => {
  const mail = renderMail(
    'plan-change-scheduled',
    {
      name: '<b>山田</b>',
      fromPlan: 'スタンダード',
      toPlan: 'ラグジュアリー',
      effectiveOn: '2027年1月1日',
      billingUrl: 'https://app.example.jp/billing',
    },
    ctx,
  );

  it('says the change was accepted, with the plans and the effective date', () => {
    expect(mail.subject).toBe('【BusinessCall】プラン変更を受け付けました');
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain('スタンダード');
      expect(body).toContain('ラグジュアリー');
      expect(body).toContain('適用日');
      expect(body).toContain('2027年1月1日');
      expect(body).toContain('https://app.example.jp/billing');
    }
    expect(mail.html).toContain('&lt;b&gt;山田&lt;/b&gt; 様');
  });
});

describe('cancellation-scheduled', () => {
  it.each([
    [false, '解約のお申し込みを受け付けました'],
    [true, 'お電話でお申し出いただいた解約を受け付けました'],
  ])('viaPhone %s: %s, with the end date', (viaPhone, lead) => {
    const mail = renderMail(
      'cancellation-scheduled',
      { name: '山田', endsOn: '2027年2月28日', viaPhone, billingUrl: 'https://app.example.jp/billing' },
      ctx,
    );
    expect(mail.subject).toBe('【BusinessCall】解約を受け付けました');
    expect(mail.text).toContain(lead);
    expect(mail.text).toContain('契約終了日: 2027年2月28日');
    expect(mail.html).toContain('2027年2月28日');
  });
});
