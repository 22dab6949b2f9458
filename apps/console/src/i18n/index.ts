import { createI18n, loadersFromGlob, namespacesOf } from '@bc/app-shell';

// Catalogues are fetched per language, on demand: the page loads only the chosen language's
// files, and switching language fetches the other before the page changes.
export const STORAGE_KEY = 'bc.console.language';

const loaders = loadersFromGlob(import.meta.glob(['./ja.json', './en.json', './ja/*.json', './en/*.json']));

export function createAppI18n() {
  return createI18n({ storageKey: STORAGE_KEY, namespaces: namespacesOf(loaders.ja), loaders });
}
