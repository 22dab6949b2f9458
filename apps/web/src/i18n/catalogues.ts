import { createI18n as createShellI18n, namespacesOf, resourcesFromGlob, type Language } from '@bc/app-shell';
import { STORAGE_KEY } from './index';

// Every catalogue, bundled up front: for tests only (the app loads them on demand, see index.ts).
export const resources = resourcesFromGlob(
  import.meta.glob(['./ja.json', './en.json', './ja/*.json', './en/*.json'], { eager: true }),
);

/** A ready i18next instance in the given (or the stored) language. */
export function createI18n(language?: Language) {
  return createShellI18n({
    storageKey: STORAGE_KEY,
    namespaces: namespacesOf(resources.ja),
    resources,
    language,
  }).i18n;
}
