import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Card, DataTable, Spinner, type Column } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useDocumentQueue, type AdminDocument } from '../api/documents';
import { VERIFICATION_PATHS } from '../paths';
import { AdminOnly } from './admin-only';
import { accountLabel, formatDateTime } from './format';

function Queue() {
  const { t, i18n } = useTranslation('verification');
  const { t: tc } = useTranslation();
  const query = useDocumentQueue();
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const count = query.data?.pages[0]?.pendingCount ?? 0;
  const columns: Column<AdminDocument>[] = [
    {
      key: 'receivedAt',
      kind: 'date',
      header: t('queue.receivedAt'),
      cell: (d) => formatDateTime(d.createdAt, i18n.language),
    },
    {
      key: 'account',
      kind: 'text',
      header: t('queue.account'),
      cell: (d) => <Link to={VERIFICATION_PATHS.account(d.accountId)}>{accountLabel(d)}</Link>,
    },
    { key: 'type', kind: 'short', header: t('queue.type'), cell: (d) => t(`accountType.${d.accountType}`) },
    { key: 'kind', kind: 'short', header: t('queue.kind'), cell: (d) => t(`kinds.${d.kind}`) },
    { key: 'source', kind: 'short', header: t('queue.source'), cell: (d) => t(`source.${d.source}`) },
    {
      key: 'open',
      kind: 'control',
      header: <span className="visually-hidden">{t('queue.open')}</span>,
      label: '',
      cell: (d) => <Link to={VERIFICATION_PATHS.document(d.id)}>{t('queue.open')}</Link>,
    },
  ];
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
            <DataTable
              label={t('title')}
              testId="document-queue"
              columns={columns}
              rows={items}
              rowKey={(d) => d.id}
            />
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
