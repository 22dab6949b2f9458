import { useEffect, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { Alert, Spinner } from '@bc/ui';
import { paths } from '../config/paths';
import type { AppApi } from './api';
import { ApiContext } from './api-context';
import { useAuth } from './use-auth';

export type AuthProviderProps = {
  api: AppApi;
  children: ReactNode;
};

/** Provides the API and restores the session once at start (refresh cookie → access token). */
export function AuthProvider({ api, children }: AuthProviderProps) {
  useEffect(() => {
    // Idempotent per AppApi: StrictMode's second effect reuses the first request.
    void api.restoreSession();
  }, [api]);
  return <ApiContext value={api}>{children}</ApiContext>;
}

type FromState = { from?: unknown } | null;

/** Only same-app paths are followed after log-in. */
function safeFrom(state: unknown): string {
  const from = (state as FromState)?.from;
  return typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') ? from : paths.home;
}

function Restoring() {
  const { t } = useTranslation();
  return <Spinner label={t('app.loading')} />;
}

/**
 * A short notice for the page navigated to, carried in the navigation state, e.g.
 * `navigate(paths.home, { state: { notice: 'emailConfirmed' } })` once a session has started.
 */
export type NoticeState = { notice: 'emailConfirmed' };

function SessionNotice({ state }: { state: unknown }) {
  const { t } = useTranslation();
  if ((state as Partial<NoticeState> | null)?.notice !== 'emailConfirmed') return null;
  return (
    <div style={{ marginBottom: '1.25rem' }}>
      <Alert tone="success">{t('notices.emailConfirmed')}</Alert>
    </div>
  );
}

/** Routes below need a session; without one, go to log-in and come back afterwards. */
export function ProtectedRoute() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'restoring') return <Restoring />;
  if (status === 'signed-out') {
    return <Navigate to={paths.logIn} replace state={{ from: `${location.pathname}${location.search}` }} />;
  }
  return (
    <>
      <SessionNotice state={location.state} />
      <Outlet />
    </>
  );
}

/** Log-in and sign-up: someone already signed in goes (back) to where they were heading. */
export function PublicOnlyRoute() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'restoring') return <Restoring />;
  if (status === 'signed-in') return <Navigate to={safeFrom(location.state)} replace />;
  return <Outlet />;
}
