import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, DataTable, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import {
  useAccessLog,
  useDecideDocument,
  useDocument,
  useDocumentFile,
  type AdminDocument,
} from '../api/documents';
import { VERIFICATION_PATHS } from '../paths';
import { AdminOnly } from './admin-only';
import { DocumentFile } from './document-file';
import { accountLabel, formatBytes, formatDateTime } from './format';

const REASON_MAX = 500;

function DecisionForm({ document }: { document: AdminDocument }) {
  const { t } = useTranslation('verification');
  const { t: tc } = useTranslation();
  const decide = useDecideDocument(document.id);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onError = (error: unknown) => setFormError(translate(tc, errorMessage(error)));

  const onReject = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const trimmed = reason.trim();
    if (!trimmed) return setReasonError(t('viewer.rejectReasonRequired'));
    if (trimmed.length > REASON_MAX)
      return setReasonError(t('viewer.rejectReasonTooLong', { max: REASON_MAX }));
    setReasonError(null);
    decide.mutate(
      { decision: 'reject', reason: trimmed },
      { onSuccess: () => setDone(t('viewer.rejected')), onError },
    );
  };

  if (done) return <Alert tone="success">{done}</Alert>;
  if (document.status !== 'pending') return null;
  return (
    <Card title={t('viewer.decision')}>
      {formError ? <Alert>{formError}</Alert> : null}
      <Button
        isLoading={decide.isPending && decide.variables?.decision === 'approve'}
        disabled={decide.isPending}
        onClick={() => {
          setFormError(null);
          decide.mutate({ decision: 'approve' }, { onSuccess: () => setDone(t('viewer.approved')), onError });
        }}
      >
        {t('viewer.approve')}
      </Button>
      <form className="form" noValidate onSubmit={onReject} aria-label={t('viewer.reject')}>
        <div className={`field${reasonError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor="reject-reason">
            {t('viewer.rejectReason')}
          </label>
          <textarea
            id="reject-reason"
            className="field__input"
            name="reason"
            rows={3}
            value={reason}
            aria-invalid={reasonError ? true : undefined}
            aria-describedby={reasonError ? 'reject-reason-error' : undefined}
            onChange={(e) => setReason(e.target.value)}
          />
          {reasonError ? (
            <p id="reject-reason-error" className="field__error">
              {reasonError}
            </p>
          ) : null}
        </div>
        <Button
          type="submit"
          variant="secondary"
          isLoading={decide.isPending && decide.variables?.decision === 'reject'}
          disabled={decide.isPending}
        >
          {t('viewer.reject')}
        </Button>
      </form>
    </Card>
  );
}

function AccessLog({ document }: { document: AdminDocument }) {
  const { t, i18n } = useTranslation('verification');
  // The log is read once the file was fetched, so it includes this very read.
  const file = useDocumentFile(document.id, document.mimeType);
  const log = useAccessLog(document.id, file.isSuccess || file.isError);
  return (
    <Card title={t('viewer.accessLog')}>
      <p className="muted">{t('viewer.accessLogLead')}</p>
      {!log.data ? null : log.data.length === 0 ? (
        <p className="muted">{t('viewer.accessLogEmpty')}</p>
      ) : (
        <DataTable
          label={t('viewer.accessLog')}
          testId="access-log"
          columns={[
            {
              key: 'accessedAt',
              kind: 'date',
              header: t('viewer.accessedAt'),
              cell: (a) => formatDateTime(a.accessedAt, i18n.language),
            },
            {
              key: 'accessedBy',
              kind: 'text',
              header: t('viewer.accessedBy'),
              cell: (a) => a.userName ?? a.userId,
            },
          ]}
          rows={log.data}
          rowKey={(a) => a.id}
        />
      )}
    </Card>
  );
}

function Viewer({ id }: { id: string }) {
  const { t, i18n } = useTranslation('verification');
  const { t: tc } = useTranslation();
  const query = useDocument(id);
  if (query.isPending) return <Spinner label={t('viewer.loading')} />;
  if (query.isError) return <Alert>{translate(tc, errorMessage(query.error))}</Alert>;
  const d = query.data;
  return (
    <>
      <p>
        <Link to={VERIFICATION_PATHS.queue}>{t('viewer.back')}</Link>
      </p>
      <Card title={t('viewer.details')}>
        <dl data-testid="document-details">
          <dt>{t('viewer.account')}</dt>
          <dd>
            <Link to={VERIFICATION_PATHS.account(d.accountId)}>{accountLabel(d)}</Link>（
            {t(`accountType.${d.accountType}`)}）
          </dd>
          <dt>{t('viewer.kind')}</dt>
          <dd>{t(`kinds.${d.kind}`)}</dd>
          <dt>{t('viewer.file')}</dt>
          <dd>
            {d.originalFilename}（{formatBytes(d.sizeBytes)}）
          </dd>
          <dt>{t('viewer.receivedAt')}</dt>
          <dd>
            {formatDateTime(d.createdAt, i18n.language)}・{t(`source.${d.source}`)}
          </dd>
          <dt>{t('viewer.status')}</dt>
          <dd>
            <span className={`badge badge--${d.status}`}>{t(`status.${d.status}`)}</span>
            {d.decidedByName ? `（${t('viewer.decidedBy')}: ${d.decidedByName}）` : null}
          </dd>
          {d.rejectionReason ? (
            <>
              <dt>{t('viewer.reason')}</dt>
              <dd>{d.rejectionReason}</dd>
            </>
          ) : null}
        </dl>
      </Card>
      <DecisionForm document={d} />
      <Card>
        <DocumentFile document={d} />
      </Card>
      <AccessLog document={d} />
    </>
  );
}

/** One document: the file inline, approve or reject with a reason, and its access log (R1.3). */
export function DocumentViewerPage() {
  const { t } = useTranslation('verification');
  const { documentId = '' } = useParams();
  return (
    <AdminOnly>
      <Page title={t('viewer.title')}>
        <Viewer id={documentId} />
      </Page>
    </AdminOnly>
  );
}
