import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useDocumentQueue } from '../api/documents';
import { VERIFICATION_PATHS } from '../paths';
import { AdminOnly } from './admin-only';
import { accountLabel, formatDateTime } from './format';

function Queue() {
  const { t, i18n } = useTranslation('verification');
  const { t: tc } = useTranslation();
  const query = useDocumentQueue();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const count = query.data?.pages[0]?.pendingCount ?? 0;
  return (
    <Page title={t('title')} lead={t('queue.lead')}>
      <Card>
        {query.isPending ? (
          <Spinner label={t('queue.loading')} />
        ) : query.isError ? (
          <Alert>{translate(tc, errorMessage(query.error))}</Alert>
        ) : items.length === 0 ? (
          <p className="muted">{t('queue.empty')}</p>
        ) : (
          <>
            <p data-testid="pending-count">{t('queue.count', { count })}</p>
            <table data-testid="document-queue">
              <thead>
                <tr>
                  <th scope="col">{t('queue.receivedAt')}</th>
                  <th scope="col">{t('queue.account')}</th>
                  <th scope="col">{t('queue.type')}</th>
                  <th scope="col">{t('queue.kind')}</th>
                  <th scope="col">{t('queue.source')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('queue.open')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((d) => (
                  <tr key={d.id}>
                    <td>{formatDateTime(d.createdAt, i18n.language)}</td>
                    <td>
                      <Link to={VERIFICATION_PATHS.account(d.accountId)}>{accountLabel(d)}</Link>
                    </td>
                    <td>{t(`accountType.${d.accountType}`)}</td>
                    <td>{t(`kinds.${d.kind}`)}</td>
                    <td>{t(`source.${d.source}`)}</td>
                    <td>
                      <Link to={VERIFICATION_PATHS.document(d.id)}>{t('queue.open')}</Link>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        )}
        {query.hasNextPage ? (
          <Button
            variant="secondary"
            isLoading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('queue.more')}
          </Button>
        ) : null}
      </Card>
    </Page>
  );
}

/** 書類審査: pending identity documents, oldest first (R1.3). */
export function VerificationQueuePage() {
  return (
    <AdminOnly>
      <Queue />
    </AdminOnly>
  );
}
