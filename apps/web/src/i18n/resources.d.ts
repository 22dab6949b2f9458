import 'i18next';
import type ja from './ja.json';
import type publicNs from './ja/public.json';
import type numberNs from './ja/number.json';
import type accountNs from './ja/account.json';

// Japanese is the reference catalogue: t('…') keys are checked against it at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof ja;
      public: typeof publicNs;
      number: typeof numberNs;
      account: typeof accountNs;
    };
  }
}
