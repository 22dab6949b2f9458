import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Alert, Button, Card } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { ApiError, errorMessage, translate } from '@bc/app-shell';
import { useConfirmNotificationEmail } from '../api/notification-emails';

const OUTCOME_KEYS: Record<string, 'emailConfirm.used' | 'emailConfirm.expired' | 'emailConfirm.invalid'> = {
  CONFIRMATION_USED: 'emailConfirm.used',
  CONFIRMATION_EXPIRED: 'emailConfirm.expired',
  CONFIRMATION_INVALID: 'emailConfirm.invalid',
};

/**
 * R6.1: the page the notification-address confirmation mail links to (public: the recipient may
 * have no login). Opening it confirms nothing: mail scanners fetch links, so only pressing the
 * button POSTs the token.
 */
export function NotificationEmailConfirmPage() {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token')?.trim() || null;
  const confirm = useConfirmNotificationEmail();

  const failure = confirm.error;
  const known =
    failure instanceof ApiError && failure.problem.code ? OUTCOME_KEYS[failure.problem.code] : undefined;

  return (
    <Page title={t('emailConfirm.title')} width="narrow">
      <Card>
        <div data-testid="notification-email-confirm">
          {!token ? (
            <Alert>{t('emailConfirm.missing')}</Alert>
          ) : confirm.isSuccess ? (
            <p role="status">{t('emailConfirm.done', { email: confirm.data.email })}</p>
          ) : known ? (
            <Alert>{t(known)}</Alert>
          ) : (
            <>
              <p>{t('emailConfirm.lead')}</p>
              {failure ? <Alert>{translate(tc, errorMessage(failure))}</Alert> : null}
              <Button isLoading={confirm.isPending} onClick={() => confirm.mutate(token)}>
                {t('emailConfirm.button')}
              </Button>
            </>
          )}
        </div>
      </Card>
    </Page>
  );
}
