import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import type { CustomerDocument } from '../api/get-documents';
import { formatDateTime } from './format';

export type DocumentListProps = { documents: CustomerDocument[] };

/** The documents the account sent (or staff received by FAX or mail), newest first. */
export function DocumentList({ documents }: DocumentListProps) {
  const { t, i18n } = useTranslation('documents');
  return (
    <Card title={t('list.heading')}>
      {documents.length === 0 ? (
        <p className="muted">{t('list.empty')}</p>
      ) : (
        <table data-testid="documents-list">
          <thead>
            <tr>
              <th scope="col">{t('list.kind')}</th>
              <th scope="col">{t('list.file')}</th>
              <th scope="col">{t('list.sentAt')}</th>
              <th scope="col">{t('list.status')}</th>
              <th scope="col">{t('list.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {documents.map((d) => (
              <tr key={d.id}>
                <td>{t(`kinds.${d.kind}`)}</td>
                <td>
                  {d.originalFilename}
                  {d.source === 'fax'
                    ? ` (${t('list.viaFax')})`
                    : d.source === 'mail'
                      ? ` (${t('list.viaMail')})`
                      : ''}
                </td>
                <td>{formatDateTime(d.createdAt, i18n.language)}</td>
                <td>
                  <span className={`badge badge--${d.status}`}>{t(`status.${d.status}`)}</span>
                </td>
                <td>{d.rejectionReason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Card>
  );
}
