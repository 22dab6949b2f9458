import type { i18n as I18n } from 'i18next';
import { LiteI18n } from './i18n-lite/core';
import { useTranslation } from 'react-i18next';

export const LANGUAGES = ['ja', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'ja';

/** One loader per namespace, e.g. `{ translation: () => import('./ja.json'), memo: … }`. */
export type NamespaceLoaders = Record<string, () => Promise<{ default: unknown }>>;
/** Per language, so the bundle of a language is fetched only when someone uses it. */
export type CatalogueLoaders = Record<Language, NamespaceLoaders>;

export type I18nOptions = {
  /** localStorage key for the chosen language (the apps keep separate choices). */
  storageKey: string;
  /** Namespaces registered by the app; the first is the default one. */
  namespaces: readonly string[];
  /**
   * With loaders: the namespaces fetched before the first render (the default one and what the
   * layout needs). The others are fetched when a page first asks for them (the page suspends
   * meanwhile), so the log-in page does not download the catalogues of every feature.
   */
  startupNamespaces?: readonly string[];
  language?: Language;
} & (
  | { loaders: CatalogueLoaders; resources?: never }
  /** Tests pass every catalogue up front so the first render is already translated. */
  | { resources: Record<Language, Record<string, unknown>>; loaders?: never }
);

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

export function readStoredLanguage(storageKey: string): Language {
  try {
    const stored = window.localStorage.getItem(storageKey);
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE;
  } catch {
    return DEFAULT_LANGUAGE;
  }
}

/**
 * A fresh translation instance (one per app, one per test): Japanese unless the user chose
 * otherwise. With loaders, only the chosen language's catalogues are fetched (await `ready` before
 * the first render); switching language fetches the other one before the page changes language.
 * The runtime is the apps' small i18next-compatible one (./i18n-lite), typed as i18next.
 */
export function createI18n(options: I18nOptions): { i18n: I18n; ready: Promise<unknown> } {
  const language = options.language ?? readStoredLanguage(options.storageKey);
  const { loaders } = options;
  const instance = new LiteI18n({
    lng: language,
    defaultNS: options.namespaces[0],
    ns: options.namespaces,
    fallbackLng: loaders ? false : DEFAULT_LANGUAGE,
    ...(options.resources
      ? { resources: options.resources as Record<string, Record<string, Record<string, unknown>>> }
      : {}),
    ...(loaders
      ? {
          load: async (lng: string, namespace: string) => {
            const load = isLanguage(lng) ? loaders[lng][namespace] : undefined;
            if (!load) throw new Error(`no catalogue ${lng}/${namespace}`);
            return (await load()).default as Record<string, unknown>;
          },
        }
      : {}),
  });
  const ready = instance.init(loaders ? (options.startupNamespaces ?? options.namespaces) : []);
  document.documentElement.lang = language;
  instance.on('languageChanged', (next: string) => {
    document.documentElement.lang = next;
    try {
      window.localStorage.setItem(options.storageKey, next);
    } catch {
      // Storage may be unavailable (private mode); the choice then lasts for this page only.
    }
  });
  return { i18n: instance as unknown as I18n, ready };
}

export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { i18n } = useTranslation();
  const current = i18n.resolvedLanguage ?? i18n.language;
  return {
    language: isLanguage(current) ? current : DEFAULT_LANGUAGE,
    setLanguage: (language) => void i18n.changeLanguage(language),
  };
}
