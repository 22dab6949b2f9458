import { renderShellApp } from '@bc/app-shell/testing';
import { createAppRoutes } from '../app/router';
import { paths } from '../config/paths';
import { createI18n } from '../i18n/catalogues';
import type { Language } from '@bc/app-shell';
import { createAppApi } from '../lib/api';

export type RenderAppOptions = {
  route?: string;
  fetch: typeof fetch;
  language?: Language;
};

/** The whole app (real providers, real routes, real client) on a memory router, in StrictMode. */
export function renderApp({ route = '/', fetch, language }: RenderAppOptions) {
  return renderShellApp({
    route,
    api: createAppApi({ baseUrl: 'http://localhost', fetch }),
    i18n: createI18n(language),
    routes: createAppRoutes(),
    paths,
  });
}
