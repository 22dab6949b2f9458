import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { paths } from '../../../config/paths';
import type { NoticeState } from '../../../lib/session-notice';
import { errorMessage, translate } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import { confirmEmailOnce, type ConfirmOutcome } from '../api/confirm-email';
import { ResendConfirmationForm } from './resend-confirmation';

const CONFIRMED: NoticeState = { notice: 'emailConfirmed' };

function Pending() {
  const { t } = useTranslation();
  return (
    <Page title={t('confirmEmail.pendingTitle')} width="narrow">
      <Spinner label={t('confirmEmail.pending')} />
    </Page>
  );
}

function AlreadyConfirmed() {
  const { t } = useTranslation();
  return (
    <Page title={t('confirmEmail.usedTitle')} lead={t('confirmEmail.usedBody')} width="narrow">
      <p className="page__aside">
        <Link to={paths.logIn}>{t('confirmEmail.logInLink')}</Link>
      </p>
    </Page>
  );
}

function Expired() {
  const { t } = useTranslation();
  return (
    <Page title={t('confirmEmail.expiredTitle')} lead={t('confirmEmail.expiredBody')} width="narrow">
      <Card title={t('confirmEmail.resendTitle')}>
        <ResendConfirmationForm />
      </Card>
    </Page>
  );
}

function Invalid() {
  const { t } = useTranslation();
  return (
    <Page title={t('confirmEmail.invalidTitle')} lead={t('confirmEmail.invalidBody')} width="narrow">
      <Card title={t('confirmEmail.resendTitle')}>
        <ResendConfirmationForm />
      </Card>
      <p className="page__aside">
        {t('confirmEmail.notSignedUp')} <Link to={paths.signUp}>{t('confirmEmail.signUpLink')}</Link>
      </p>
    </Page>
  );
}

function Failed({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation();
  return (
    <Page title={t('confirmEmail.failedTitle')} width="narrow">
      <div className="form">
        <Alert>{translate(t, errorMessage(error))}</Alert>
        <Button onClick={onRetry}>{t('confirmEmail.retry')}</Button>
      </div>
    </Page>
  );
}

export type ConfirmEmailProps = {
  /** The `token` of the mailed link; null when the link has none. */
  token: string | null;
};

/**
 * Opens the mailed link: confirms the address (once per token, StrictMode included), then logs
 * the user in and goes home; any other answer gets a page saying what to do next.
 */
export function ConfirmEmail({ token }: ConfirmEmailProps) {
  const api = useApi();
  const navigate = useNavigate();
  const [outcome, setOutcome] = useState<ConfirmOutcome | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (!token) return;
    let active = true;
    void confirmEmailOnce(api, token).then((result) => {
      if (!active) return;
      if (result.status === 'confirmed') void navigate(paths.home, { replace: true, state: CONFIRMED });
      else setOutcome(result);
    });
    return () => {
      active = false;
    };
  }, [api, token, attempt, navigate]);

  if (!token) return <Invalid />;
  switch (outcome?.status) {
    case 'used':
      return <AlreadyConfirmed />;
    case 'expired':
      return <Expired />;
    case 'invalid':
      return <Invalid />;
    case 'failed':
      return (
        <Failed
          error={outcome.error}
          onRetry={() => {
            setOutcome(null);
            setAttempt((count) => count + 1);
          }}
        />
      );
    default:
      return <Pending />;
  }
}
