import { useTranslation } from 'react-i18next';
import { Card, DataTable, type Column } from '@bc/ui';
import type { CustomerDocument } from '../api/get-documents';
import { formatDateTime } from './format';

export type DocumentListProps = { documents: CustomerDocument[] };

/** The documents the account sent (or staff received by FAX or mail), newest first. */
export function DocumentList({ documents }: DocumentListProps) {
  const { t, i18n } = useTranslation('documents');
  const columns: Column<CustomerDocument>[] = [
    { key: 'kind', kind: 'short', header: t('list.kind'), cell: (d) => t(`kinds.${d.kind}`) },
    {
      key: 'file',
      kind: 'text',
      header: t('list.file'),
      cell: (d) =>
        `${d.originalFilename}${
          d.source === 'fax' ? ` (${t('list.viaFax')})` : d.source === 'mail' ? ` (${t('list.viaMail')})` : ''
        }`,
    },
    {
      key: 'sentAt',
      kind: 'date',
      header: t('list.sentAt'),
      cell: (d) => formatDateTime(d.createdAt, i18n.language),
    },
    {
      key: 'status',
      kind: 'short',
      header: t('list.status'),
      cell: (d) => <span className={`badge badge--${d.status}`}>{t(`status.${d.status}`)}</span>,
    },
    { key: 'reason', kind: 'long', header: t('list.reason'), cell: (d) => d.rejectionReason ?? '' },
  ];
  return (
    <Card title={t('list.heading')}>
      {documents.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <DataTable
          label={t('list.heading')}
          testId="documents-list"
          columns={columns}
          rows={documents}
          rowKey={(d) => d.id}
        />
      )}
    </Card>
  );
}
