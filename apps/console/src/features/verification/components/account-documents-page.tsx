import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, DataTable, Spinner, type Column } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAccountDocuments, useRecordNoticePosted, type AccountDocuments } from '../api/documents';
import { VERIFICATION_PATHS } from '../paths';
import { AdminOnly } from './admin-only';
import { AttachDocumentForm } from './attach-document-form';
import { formatDateTime } from './format';

function NoticeCard({ accountId, data }: { accountId: string; data: AccountDocuments }) {
  const { t, i18n } = useTranslation('verification');
  const { t: tc } = useTranslation();
  const record = useRecordNoticePosted(accountId);
  const [error, setError] = useState<string | null>(null);
  const { notice } = data;
  return (
    <Card title={t('notice.heading')}>
      <dl data-testid="notice">
        <dt>{t('notice.destination')}</dt>
        <dd>
          {notice.usesDocumentAddress
            ? t('notice.documentAddress')
            : t('notice.otherAddress', {
                postalCode: notice.postalCode ?? '',
                address: notice.address ?? '',
              })}
        </dd>
      </dl>
      {error ? <Alert>{error}</Alert> : null}
      {notice.postedAt ? (
        <Alert tone="success">
          {notice.postedByName
            ? t('notice.posted', {
                date: formatDateTime(notice.postedAt, i18n.language),
                name: notice.postedByName,
              })
            : t('notice.postedNoName', { date: formatDateTime(notice.postedAt, i18n.language) })}
        </Alert>
      ) : notice.canRecordPosted ? (
        <>
          <p className="muted">{t('notice.notYet')}</p>
          <Button
            isLoading={record.isPending}
            onClick={() => {
              setError(null);
              record.mutate(undefined, { onError: (e) => setError(translate(tc, errorMessage(e))) });
            }}
          >
            {record.isPending ? t('notice.recording') : t('notice.record')}
          </Button>
        </>
      ) : (
        <p className="muted">{t('notice.needsApproval')}</p>
      )}
    </Card>
  );
}

function AccountDocumentsView({ accountId }: { accountId: string }) {
  const { t, i18n } = useTranslation('verification');
  const { t: tc } = useTranslation();
  const query = useAccountDocuments(accountId);
  if (query.isPending) return <Spinner label={t('account.loading')} />;
  if (query.isError) {
    return (
      <Page title={t('title')}>
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      </Page>
    );
  }
  const { account, items } = query.data;
  const name = account.companyName ? `${account.companyName}（${account.name}）` : account.name;
  const columns: Column<(typeof items)[number]>[] = [
    {
      key: 'receivedAt',
      kind: 'date',
      header: t('queue.receivedAt'),
      cell: (d) => formatDateTime(d.createdAt, i18n.language),
    },
    { key: 'kind', kind: 'short', header: t('queue.kind'), cell: (d) => t(`kinds.${d.kind}`) },
    { key: 'source', kind: 'short', header: t('queue.source'), cell: (d) => t(`source.${d.source}`) },
    {
      key: 'status',
      kind: 'short',
      header: t('viewer.status'),
      cell: (d) => <span className={`badge badge--${d.status}`}>{t(`status.${d.status}`)}</span>,
    },
    { key: 'reason', kind: 'long', header: t('viewer.reason'), cell: (d) => d.rejectionReason ?? '' },
    {
      key: 'view',
      kind: 'control',
      header: <span className="visually-hidden">{t('account.view')}</span>,
      label: '',
      cell: (d) => <Link to={VERIFICATION_PATHS.document(d.id)}>{t('account.view')}</Link>,
    },
  ];
  return (
    <Page title={t('account.title', { name })}>
      <Card title={t('account.summary')}>
        <dl data-testid="account-summary">
          <dt>{t('queue.type')}</dt>
          <dd>{t(`accountType.${account.type}`)}</dd>
          <dt>{t('account.state')}</dt>
          <dd>{t(`state.${account.state}`, { ns: 'accounts' })}</dd>
          <dt>{t('account.identity')}</dt>
          <dd>
            {t(`identityStatus.${account.identityStatus}`)}
            {account.identityRejectionReason ? `（${account.identityRejectionReason}）` : null}
          </dd>
        </dl>
      </Card>
      <Card title={t('account.documents')}>
        {items.length === 0 ? (
          <p className="muted">{t('account.empty')}</p>
        ) : (
          <DataTable
            label={t('account.documents')}
            testId="account-documents"
            columns={columns}
            rows={items}
            rowKey={(d) => d.id}
          />
        )}
      </Card>
      <AttachDocumentForm accountId={accountId} kinds={query.data.acceptedKinds} />
      <NoticeCard accountId={accountId} data={query.data} />
    </Page>
  );
}

/** One account's identity documents, FAX/mail attachments and the notice of terms (R1.3, R1.4). */
export function AccountDocumentsPage() {
  const { accountId = '' } = useParams();
  return (
    <AdminOnly>
      <AccountDocumentsView accountId={accountId} />
    </AdminOnly>
  );
}
