import { useTranslation } from 'react-i18next';
import { Alert } from '@bc/ui';

/**
 * A short notice for the page navigated to, carried in the navigation state, e.g.
 * `navigate(paths.home, { state: { notice: 'emailConfirmed' } })` once a session has started.
 */
export type NoticeState = { notice: 'emailConfirmed' };

/** Shown above a signed-in page by the protected route. */
export function SessionNotice({ state }: { state: unknown }) {
  const { t } = useTranslation();
  if ((state as Partial<NoticeState> | null)?.notice !== 'emailConfirmed') return null;
  return (
    <div style={{ marginBottom: '1.25rem' }}>
      <Alert tone="success">{t('notices.emailConfirmed')}</Alert>
    </div>
  );
}
