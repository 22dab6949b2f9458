import { useTranslation } from 'react-i18next';
import { Alert, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useMyNumber } from '../api/get-my-number';
import { MyNumberCard } from './my-number-card';
import { NumberPending } from './number-pending';
import { UsageForm } from './usage-form';
import { UsageGuide } from './usage-guide';

/** ご利用番号: before issue, when it comes; after, the number, the guide (A/B/C) and the usage form. */
export function MyNumberPage() {
  const { t } = useTranslation('number');
  const { t: tc } = useTranslation();
  const query = useMyNumber();
  return (
    <Page title={t('title')}>
      {query.isPending ? (
        <Spinner label={t('loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : query.data === null ? (
        <NumberPending />
      ) : (
        <div className="grid">
          <MyNumberCard myNumber={query.data} />
          <UsageGuide />
          <UsageForm myNumber={query.data} />
        </div>
      )}
    </Page>
  );
}
