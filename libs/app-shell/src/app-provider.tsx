import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import type { ReactNode } from 'react';
import { I18nextProvider } from 'react-i18next';
import { AuthProvider, type ShellPaths } from './auth';
import type { AppApi } from './session-api';

export type AppProviderProps = {
  api: AppApi;
  i18n: I18n;
  queryClient: QueryClient;
  paths: ShellPaths;
  children: ReactNode;
};

/** Everything the routes need; the tests use the same provider with a fake fetch. */
export function AppProvider({ api, i18n, queryClient, paths, children }: AppProviderProps) {
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={queryClient}>
        <AuthProvider api={api} paths={paths}>
          {children}
        </AuthProvider>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
