import i18next, { type i18n as I18n } from 'i18next';
import en from './en.json';
import ja from './ja.json';
import jaPublic from './ja/public.json';
import enPublic from './en/public.json';
import jaNumber from './ja/number.json';
import enNumber from './en/number.json';
import jaAccount from './ja/account.json';
import enAccount from './en/account.json';
import jaDocuments from './ja/documents.json';
import enDocuments from './en/documents.json';
import jaCard from './ja/card.json';
import enCard from './en/card.json';
import jaTeam from './ja/team.json';
import enTeam from './en/team.json';
import jaOnboarding from './ja/onboarding.json';
import enOnboarding from './en/onboarding.json';
import jaInquiries from './ja/inquiries.json';
import enInquiries from './en/inquiries.json';
import jaContacts from './ja/contacts.json';
import enContacts from './en/contacts.json';
import jaNotifications from './ja/notifications.json';
import enNotifications from './en/notifications.json';
import jaIntegrations from './ja/integrations.json';
import enIntegrations from './en/integrations.json';
import jaMemo from './ja/memo.json';
import enMemo from './en/memo.json';
import jaBilling from './ja/billing.json';
import enBilling from './en/billing.json';
import jaInvoices from './ja/invoices.json';
import enInvoices from './en/invoices.json';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'ja';
const STORAGE_KEY = 'bc.language';

export const resources = {
  // One namespace per feature area (useTranslation('public')), so features edit their own file.
  ja: {
    translation: ja,
    integrations: jaIntegrations,
    memo: jaMemo,
    billing: jaBilling,
    invoices: jaInvoices,
    notifications: jaNotifications,
    inquiries: jaInquiries,
    contacts: jaContacts,
    onboarding: jaOnboarding,
    team: jaTeam,
    card: jaCard,
    documents: jaDocuments,
    public: jaPublic,
    number: jaNumber,
    account: jaAccount,
  },
  en: {
    translation: en,
    integrations: enIntegrations,
    memo: enMemo,
    billing: enBilling,
    invoices: enInvoices,
    notifications: enNotifications,
    inquiries: enInquiries,
    contacts: enContacts,
    onboarding: enOnboarding,
    team: enTeam,
    card: enCard,
    documents: enDocuments,
    public: enPublic,
    number: enNumber,
    account: enAccount,
  },
} as const;

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

function rememberLanguage(language: string) {
  document.documentElement.lang = language;
  try {
    window.localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode); the choice then lasts for this page only.
  }
}

/** A fresh i18next instance (one per app, one per test): Japanese unless the user chose otherwise. */
export function createI18n(language: Language = readStoredLanguage()): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: DEFAULT_LANGUAGE,
    supportedLngs: [...LANGUAGES],
    resources,
    ns: Object.keys(resources.ja), // every namespace registered above
    defaultNS: 'translation',
    initAsync: false,
    interpolation: { escapeValue: false }, // React escapes.
    returnEmptyString: false,
  });
  document.documentElement.lang = language;
  instance.on('languageChanged', rememberLanguage);
  return instance;
}
