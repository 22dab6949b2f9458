import { useTranslation } from 'react-i18next';
import { Alert, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useAccountDetails } from '../api/get-account-details';
import { AccountDetailsForm } from './account-details-form';
import { AccountDetailsView } from './account-details-view';

/** ご契約情報の変更 (R1.7): the owner edits the details; other users see them read-only. */
export function AccountDetailsPage() {
  const { t } = useTranslation('account');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const query = useAccountDetails();
  const canEdit = user?.role === 'owner';
  return (
    <Page title={t('title')} width="narrow">
      {query.isPending ? (
        <Spinner label={t('loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : canEdit ? (
        <AccountDetailsForm details={query.data} />
      ) : (
        <>
          <Alert tone="info">{t('ownerOnly')}</Alert>
          <AccountDetailsView details={query.data} />
        </>
      )}
    </Page>
  );
}
