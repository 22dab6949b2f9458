// The React binding of the small translation runtime, with react-i18next's API: the apps import
// `useTranslation` and `I18nextProvider` from 'react-i18next' as before, and both apps' Vite
// configs (build and vitest) resolve that name to this file (see libs/app-shell/build/i18n-alias.ts).
import { createContext, use, useSyncExternalStore, type ReactNode } from 'react';
import type { LiteI18n } from './core';

const I18nContext = createContext<LiteI18n | null>(null);

/** A thenable React's `use` reads as fulfilled at once (it checks `status`). */
const LOADED = Object.assign(Promise.resolve(), { status: 'fulfilled' as const, value: undefined });

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
  const list =
    namespaces === undefined
      ? [i18n.options.defaultNS]
      : typeof namespaces === 'string'
        ? [namespaces]
        : namespaces;
  // `use` is called on every render, with an already fulfilled thenable once the namespaces are
  // loaded: React replays a component that suspended and, after the `use` that suspended, switches
  // to mounting the hooks the first attempt never reached. A replay that skipped `use` (namespace
  // loaded meanwhile) would meet this hook unmounted: "Update hook called on initial render", a
  // recoverable error but an uncaught one in the page (seen in the card tests).
  const missing = list.some((namespace) => !i18n.hasLoadedNamespace(namespace, i18n.language));
  use(missing ? i18n.loadNamespaces(list, i18n.language) : LOADED);
  const language = useSyncExternalStore(i18n.subscribe, () => i18n.language);
  const t = i18n.getFixedT(language, list);
  return Object.assign([t, i18n, true] as const, { t, i18n, ready: true });
}
