import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { paths } from '../../../config/paths';
import { ResendConfirmationButton } from './resend-confirmation';

export type CheckEmailProps = {
  /** The address the confirmation link was mailed to (as the API answered). */
  email: string;
};

/** After sign-up: the account exists but cannot log in until the mailed link is opened. */
export function CheckEmail({ email }: CheckEmailProps) {
  const { t } = useTranslation();
  return (
    <Page title={t('checkEmail.title')} lead={t('checkEmail.lead')} width="narrow">
      <Card>
        <p>{t('checkEmail.sentTo')}</p>
        <p>
          <strong data-testid="sent-to">{email}</strong>
        </p>
        <ol>
          <li>{t('checkEmail.stepOpen')}</li>
          <li>{t('checkEmail.stepValidity')}</li>
          <li>{t('checkEmail.stepSpam')}</li>
        </ol>
        <p className="muted">{t('checkEmail.resendLead')}</p>
        <ResendConfirmationButton email={email} />
      </Card>
      <p className="page__aside">
        {t('checkEmail.confirmed')} <Link to={paths.logIn}>{t('checkEmail.logInLink')}</Link>
      </p>
    </Page>
  );
}
