// The React binding of the small translation runtime, with react-i18next's API: the apps import
// `useTranslation` and `I18nextProvider` from 'react-i18next' as before, and both apps' Vite
// configs (build and vitest) resolve that name to this file (see libs/app-shell/build/i18n-alias.ts).
import { createContext, use, useSyncExternalStore, type ReactNode } from 'react';
import type { LiteI18n } from './core';

const I18nContext = createContext<LiteI18n | null>(null);

export function I18nextProvider({ i18n, children }: { i18n: LiteI18n; children?: ReactNode }) {
  return <I18nContext value={i18n}>{children}</I18nContext>;
}

/**
 * `t` for the given namespaces (default: the app's default one) in the current language. A page
 * whose namespace is not loaded yet suspends until it is (the layout shows a spinner meanwhile),
 * and everything re-renders when the language changes.
 */
export function useTranslation(namespaces?: string | readonly string[]) {
  const i18n = use(I18nContext);
  if (!i18n) throw new Error('useTranslation() must be used inside <I18nextProvider>');
  const language = useSyncExternalStore(i18n.subscribe, () => i18n.language);
  const list =
    namespaces === undefined
      ? [i18n.options.defaultNS]
      : typeof namespaces === 'string'
        ? [namespaces]
        : namespaces;
  // Suspends by throwing the catalogue's promise (as TanStack Query's suspense hooks do), not with
  // `use`: React replays a component suspended by `use` and expects the same `use` at the same
  // place; a replay that finds the catalogue loaded would skip it and meet the component's later
  // hooks unmounted ("Update hook called on initial render", an uncaught error in the page, seen
  // in the card tests). A thrown promise makes React render the component afresh once it settles.
  if (list.some((namespace) => !i18n.hasLoadedNamespace(namespace, language)))
    throw i18n.loadNamespaces(list, language);
  const t = i18n.getFixedT(language, list);
  return Object.assign([t, i18n, true] as const, { t, i18n, ready: true });
}
