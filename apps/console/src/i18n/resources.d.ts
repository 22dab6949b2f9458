import 'i18next';
import type callsNs from './ja/calls.json';
import type billingNs from './ja/billing.json';
import type accountsNs from './ja/accounts.json';
import type verificationNs from './ja/verification.json';
import type ja from './ja.json';
import type numbersNs from './ja/numbers.json';
import type catalogueNs from './ja/catalogue.json';

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
      numbers: typeof numbersNs;
      catalogue: typeof catalogueNs;
    };
  }
}
