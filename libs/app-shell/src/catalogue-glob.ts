import { isLanguage, type CatalogueLoaders, type Language } from './i18n';

// Each app keeps its catalogues as `i18n/ja.json` (the default namespace) and `i18n/ja/<ns>.json`
// (one per feature, `memo-review.json` → the `memoReview` namespace). These helpers turn Vite's
// import.meta.glob of those files into i18next's shapes, so adding a feature file needs no list.

const camel = (name: string) => name.replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());

/** './ja.json' → ['ja', 'translation']; './en/memo-review.json' → ['en', 'memoReview']. */
function namespaceOf(path: string): [Language, string] | null {
  const root = /^\.\/(\w+)\.json$/.exec(path);
  if (root && isLanguage(root[1])) return [root[1], 'translation'];
  const feature = /^\.\/(\w+)\/([\w-]+)\.json$/.exec(path);
  if (feature && isLanguage(feature[1])) return [feature[1], camel(feature[2])];
  return null;
}

export function loadersFromGlob(glob: Record<string, () => Promise<unknown>>): CatalogueLoaders {
  const loaders: CatalogueLoaders = { ja: {}, en: {} };
  for (const [path, load] of Object.entries(glob)) {
    const found = namespaceOf(path);
    if (found) loaders[found[0]][found[1]] = load as () => Promise<{ default: unknown }>;
  }
  return loaders;
}

export function resourcesFromGlob(glob: Record<string, unknown>): Record<Language, Record<string, unknown>> {
  const resources: Record<Language, Record<string, unknown>> = { ja: {}, en: {} };
  for (const [path, module] of Object.entries(glob)) {
    const found = namespaceOf(path);
    if (found) resources[found[0]][found[1]] = (module as { default?: unknown }).default ?? module;
  }
  return resources;
}

/** The default namespace first, then the features' in a stable order. */
export function namespacesOf(catalogues: Record<string, unknown>): string[] {
  return [
    'translation',
    ...Object.keys(catalogues)
      .filter((ns) => ns !== 'translation')
      .sort(),
  ];
}
