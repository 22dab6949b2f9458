import { useTranslation } from 'react-i18next';
import { Alert, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useMyDocuments, type MyDocuments } from '../api/get-documents';
import { DocumentList } from './document-list';
import { NoticeAddressCard } from './notice-address-card';
import { UploadDocumentForm } from './upload-document-form';

function IdentitySummary({ documents }: { documents: MyDocuments }) {
  const { t } = useTranslation('documents');
  const status = documents.identityStatus;
  const tone = status === 'approved' ? 'success' : status === 'rejected' ? 'error' : 'info';
  return (
    <div data-testid="identity-summary">
      <Alert tone={tone}>
        <p>{t(`summary.${status}`)}</p>
        {status === 'rejected' && documents.rejectionReason ? (
          <p>{t('summary.reason', { reason: documents.rejectionReason })}</p>
        ) : null}
      </Alert>
    </div>
  );
}

/** 本人確認書類 (R1.3, R1.4): what to send, sending it, its review, and where the notice goes. */
export function DocumentsPage() {
  const { t } = useTranslation('documents');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const query = useMyDocuments();
  const isOwner = user?.role === 'owner';
  return (
    <Page title={t('title')} lead={t('lead')}>
      {query.isPending ? (
        <Spinner label={t('loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : (
        <>
          <IdentitySummary documents={query.data} />
          <Card title={t('accepted.heading')}>
            <p>{t(`accepted.${query.data.accountType}`)}</p>
            <ul data-testid="accepted-kinds">
              {query.data.acceptedKinds.map((kind) => (
                <li key={kind}>{t(`kinds.${kind}`)}</li>
              ))}
            </ul>
          </Card>
          {query.data.identityStatus !== 'approved' ? (
            isOwner ? (
              <UploadDocumentForm kinds={query.data.acceptedKinds} maxBytes={query.data.maxBytes} />
            ) : (
              <Alert tone="info">{t('upload.ownerOnly')}</Alert>
            )
          ) : null}
          <DocumentList documents={query.data.items} />
          <NoticeAddressCard notice={query.data.notice} canEdit={isOwner} />
        </>
      )}
    </Page>
  );
}
