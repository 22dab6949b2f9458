import 'i18next';
import type integrationsNs from './ja/integrations.json';
import type memoNs from './ja/memo.json';
import type billingNs from './ja/billing.json';
import type invoicesNs from './ja/invoices.json';
import type notificationsNs from './ja/notifications.json';
import type contactsNs from './ja/contacts.json';
import type inquiriesNs from './ja/inquiries.json';
import type onboardingNs from './ja/onboarding.json';
import type teamNs from './ja/team.json';
import type cardNs from './ja/card.json';
import type documentsNs from './ja/documents.json';
import type ja from './ja.json';
import type publicNs from './ja/public.json';
import type siteNs from './ja/site.json';
import type numberNs from './ja/number.json';
import type accountNs from './ja/account.json';

// Japanese is the reference catalogue: t('…') keys are checked against it at compile time.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: {
      translation: typeof ja;
      integrations: typeof integrationsNs;
      memo: typeof memoNs;
      billing: typeof billingNs;
      invoices: typeof invoicesNs;
      notifications: typeof notificationsNs;
      contacts: typeof contactsNs;
      inquiries: typeof inquiriesNs;
      onboarding: typeof onboardingNs;
      team: typeof teamNs;
      card: typeof cardNs;
      documents: typeof documentsNs;
      public: typeof publicNs;
      site: typeof siteNs;
      number: typeof numberNs;
      account: typeof accountNs;
    };
  }
}
