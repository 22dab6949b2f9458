import type { Schemas } from '@bc/api-client';

const STANDARD = {
  code: 'standard',
  name: { ja: 'スタンダード', en: 'Standard' },
  monthlyFee: 5500,
  includedCalls: 40,
  perCallFee: 176,
} as const;
const LUXURY = {
  code: 'luxury',
  name: { ja: 'ラグジュアリー', en: 'Luxury' },
  monthlyFee: 11000,
  includedCalls: 100,
  perCallFee: 143,
} as const;
export const PLANS = { standard: STANDARD, luxury: LUXURY };

export function aSubscription(
  overrides: Partial<Schemas['SubscriptionDto']> = {},
): Schemas['SubscriptionDto'] {
  return {
    today: '2027-03-26',
    state: 'active',
    serviceStartedOn: '2027-01-15',
    plan: STANDARD,
    planChoice: 'standard',
    plans: [STANDARD, LUXURY],
    pendingChange: null,
    cancellation: null,
    options: [
      {
        code: 'qa',
        name: { ja: 'Q&A対応', en: 'Q&A script' },
        monthlyFee: 2200,
        startsOn: '2027-02-01',
        endsOn: null,
        status: 'active',
      },
    ],
    availableOptions: [
      { code: 'rental_address', name: { ja: '住所貸し', en: 'Rental address' }, monthlyFee: 1650 },
    ],
    // asked on 26 March (after the 25th): the change from May, the contract to the end of April
    dates: {
      planChangeEffectiveOn: '2027-05-01',
      cancellationEndsOn: '2027-04-30',
      minimumTermEndsOn: '2027-04-30',
      optionStartsOn: '2027-04-01',
      optionDropEndsOn: '2027-03-31',
    },
    card: {
      brand: 'visa',
      brandName: 'Visa',
      last4: '4242',
      expMonth: 8,
      expYear: 2029,
      expired: false,
      registeredAt: '2026-11-20T01:00:00.000Z',
      updatedAt: '2026-11-20T01:00:00.000Z',
    } as Schemas['CardDto'],
    ...overrides,
  };
}

export function aUsage(overrides: Partial<Schemas['BillingUsageDto']> = {}): Schemas['BillingUsageDto'] {
  return {
    month: '2027-03',
    today: '2027-03-26',
    planCode: 'standard',
    planName: STANDARD.name,
    countedCalls: 45,
    includedCalls: 40,
    overageCalls: 5,
    perCallFee: 176,
    overageFee: 880,
    monthlyFee: 5500,
    optionsFee: 2200,
    projectedBill: 8580,
    projectedCallsAtMonthEnd: 54,
    projectedBillAtMonthEnd: 5500 + 14 * 176 + 2200,
    suggestion: null,
    ...overrides,
  };
}
