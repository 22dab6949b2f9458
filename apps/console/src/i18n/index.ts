import i18next, { type i18n as I18n } from 'i18next';
import en from './en.json';
import ja from './ja.json';
import jaNumbers from './ja/numbers.json';
import enNumbers from './en/numbers.json';
import jaCatalogue from './ja/catalogue.json';
import enCatalogue from './en/catalogue.json';
import jaVerification from './ja/verification.json';
import enVerification from './en/verification.json';
import jaMemoReview from './ja/memo-review.json';
import enMemoReview from './en/memo-review.json';
import jaAccounts from './ja/accounts.json';
import enAccounts from './en/accounts.json';
import jaCalls from './ja/calls.json';
import enCalls from './en/calls.json';
import jaQueues from './ja/queues.json';
import enQueues from './en/queues.json';
import jaBilling from './ja/billing.json';
import enBilling from './en/billing.json';
import jaWallboard from './ja/wallboard.json';
import enWallboard from './en/wallboard.json';
import jaUnrecordedCalls from './ja/unrecorded-calls.json';
import enUnrecordedCalls from './en/unrecorded-calls.json';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'ja';
const STORAGE_KEY = 'bc.console.language';

export const resources = {
  // One namespace per feature area (useTranslation('public')), so features edit their own file.
  ja: {
    translation: ja,
    accounts: jaAccounts,
    verification: jaVerification,
    memoReview: jaMemoReview,
    numbers: jaNumbers,
    catalogue: jaCatalogue,
    calls: jaCalls,
    queues: jaQueues,
    billing: jaBilling,
    wallboard: jaWallboard,
    unrecordedCalls: jaUnrecordedCalls,
  },
  en: {
    translation: en,
    accounts: enAccounts,
    verification: enVerification,
    memoReview: enMemoReview,
    numbers: enNumbers,
    catalogue: enCatalogue,
    calls: enCalls,
    queues: enQueues,
    billing: enBilling,
    wallboard: enWallboard,
    unrecordedCalls: enUnrecordedCalls,
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

/** A fresh i18next instance (one per app, one per test): Japanese unless the operator chose otherwise. */
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
