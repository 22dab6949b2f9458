import { render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { i18n as I18n } from 'i18next';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProvider } from '../app-provider';
import type { ShellPaths } from '../auth';
import { createQueryClient } from '../query-client';
import type { AppApi } from '../session-api';

export type RenderShellAppOptions<A extends AppApi> = {
  route: string;
  api: A;
  i18n: I18n;
  routes: RouteObject[];
  paths: ShellPaths;
};

/** A whole app (real providers, real routes, real client) on a memory router, in StrictMode. */
export function renderShellApp<A extends AppApi>({
  route,
  api,
  i18n,
  routes,
  paths,
}: RenderShellAppOptions<A>) {
  const router = createMemoryRouter(routes, { initialEntries: [route] });
  const user = userEvent.setup();
  const view = render(
    <StrictMode>
      <AppProvider api={api} i18n={i18n} queryClient={createQueryClient()} paths={paths}>
        <RouterProvider router={router} />
      </AppProvider>
    </StrictMode>,
  );
  return { ...view, api, i18n, router, user };
}
