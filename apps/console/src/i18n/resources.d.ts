import 'i18next';
import type callsNs from './ja/calls.json';
import type billingNs from './ja/billing.json';
import type accountsNs from './ja/accounts.json';
import type verificationNs from './ja/verification.json';
import type memoReviewNs from './ja/memo-review.json';
import type ja from './ja.json';
import type numbersNs from './ja/numbers.json';
import type catalogueNs from './ja/catalogue.json';
import type queuesNs from './ja/queues.json';
import type wallboardNs from './ja/wallboard.json';
import type unrecordedCallsNs from './ja/unrecorded-calls.json';

// Japanese is the reference catalogue: t('…') keys are checked against it at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof ja;
      calls: typeof callsNs;
      billing: typeof billingNs;
      accounts: typeof accountsNs;
      verification: typeof verificationNs;
      memoReview: typeof memoReviewNs;
      numbers: typeof numbersNs;
      catalogue: typeof catalogueNs;
      queues: typeof queuesNs;
      wallboard: typeof wallboardNs;
      unrecordedCalls: typeof unrecordedCallsNs;
    };
  }
}
