import { render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider } from '../app/provider';
import { createAppRoutes } from '../app/router';
import { createI18n, type Language } from '../i18n';
import { createAppApi } from '../lib/api';
import { createQueryClient } from '../lib/query-client';

export type RenderAppOptions = {
  route?: string;
  fetch: typeof fetch;
  language?: Language;
};

/** The whole app (real providers, real routes, real client) on a memory router, in StrictMode. */
export function renderApp({ route = '/', fetch, language }: RenderAppOptions) {
  const api = createAppApi({ baseUrl: 'http://localhost', fetch });
  const i18n = createI18n(language);
  const router = createMemoryRouter(createAppRoutes(), { initialEntries: [route] });
  const user = userEvent.setup();
  const view = render(
    <StrictMode>
      <AppProvider api={api} i18n={i18n} queryClient={createQueryClient()}>
        <RouterProvider router={router} />
      </AppProvider>
    </StrictMode>,
  );
  return { ...view, api, i18n, router, user };
}
