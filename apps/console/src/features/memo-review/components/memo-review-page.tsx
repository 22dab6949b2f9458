import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useDecideMemo, useMemoReviews, type MemoReviewItem, type MemoVersion } from '../api/memo-reviews';

function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ja-JP', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

type Row = { label: string; before: string | null; after: string };

/** The version as labelled rows, to set beside the live one. */
function rowsOf(v: MemoVersion, t: (k: string, o?: Record<string, unknown>) => string): Row[] {
  if (v.memo) {
    return (['basicInfo', 'businessHours', 'freeText'] as const).map((f) => ({
      label: t(`fields.${f}`),
      before: null,
      after: v.memo![f],
    }));
  }
  if (v.qa) {
    return v.qa.flatMap((p, i) => [
      { label: t('qaQuestion', { n: i + 1 }), before: null, after: p.question },
      { label: t('qaAnswer', { n: i + 1 }), before: null, after: p.answer },
    ]);
  }
  return [{ label: t('kinds.announcement'), before: null, after: v.announcement ?? '' }];
}

/** The change against the live version: each row with what operators see now and what is proposed. */
function diffRows(item: MemoReviewItem, t: (k: string, o?: Record<string, unknown>) => string): Row[] {
  const after = rowsOf(item.version, t);
  const before = item.live ? rowsOf(item.live, t) : [];
  const labels = [...new Set([...after.map((r) => r.label), ...before.map((r) => r.label)])];
  return labels.map((label) => ({
    label,
    before: before.find((r) => r.label === label)?.after ?? null,
    after: after.find((r) => r.label === label)?.after ?? '',
  }));
}

function ReviewItem({ item }: { item: MemoReviewItem }) {
  const { t: typed, i18n } = useTranslation('memoReview');
  const t = typed as unknown as (k: string, o?: Record<string, unknown>) => string;
  const { t: tc } = useTranslation();
  const decide = useDecideMemo();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const v = item.version;
  const account = item.companyName
    ? `${item.companyName}（${item.accountName ?? ''}）`
    : (item.accountName ?? item.accountId);
  return (
    <Card>
      <section aria-label={t('itemLabel', { account })} data-testid={`review-${v.id}`}>
        <h2 className="card__title">
          {t(`kinds.${v.kind}`)} — {account}
        </h2>
        <p className="muted">
          {t('submitted', {
            date: formatDateTime(v.submittedAt, i18n.language),
            name: v.submittedByName ?? '—',
          })}
        </p>
        {v.liveFrom || v.liveUntil ? (
          <p>
            {t('window', {
              from: v.liveFrom ? formatDateTime(v.liveFrom, i18n.language) : '—',
              until: v.liveUntil ? formatDateTime(v.liveUntil, i18n.language) : '—',
            })}
          </p>
        ) : null}
        <table className="memo-diff">
          <thead>
            <tr>
              <th scope="col">{t('field')}</th>
              <th scope="col">{t('live')}</th>
              <th scope="col">{t('proposed')}</th>
            </tr>
          </thead>
          <tbody>
            {diffRows(item, t).map((r) => {
              const changed = (r.before ?? '') !== r.after;
              return (
                <tr key={r.label} data-changed={changed ? 'true' : undefined}>
                  <th scope="row">
                    {r.label} {changed ? <span className="badge">{t('changed')}</span> : null}
                  </th>
                  <td style={{ whiteSpace: 'pre-wrap' }}>{r.before ?? (item.live ? '' : t('noLive'))}</td>
                  <td style={{ whiteSpace: 'pre-wrap' }}>{r.after}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        {decide.isError ? <Alert>{translate(tc, errorMessage(decide.error))}</Alert> : null}
        {rejecting ? (
          <form
            aria-label={t('rejectForm')}
            onSubmit={(e) => {
              e.preventDefault();
              if (reason.trim()) decide.mutate({ id: v.id, decision: 'reject', reason: reason.trim() });
            }}
          >
            <label className="field__label" htmlFor={`reason-${v.id}`}>
              {t('reason')}
            </label>
            <textarea
              id={`reason-${v.id}`}
              className="field__input"
              value={reason}
              maxLength={500}
              onChange={(e) => setReason(e.target.value)}
            />
            <Button type="submit" disabled={!reason.trim()} isLoading={decide.isPending}>
              {t('rejectConfirm')}
            </Button>{' '}
            <Button variant="secondary" onClick={() => setRejecting(false)}>
              {t('cancel')}
            </Button>
          </form>
        ) : (
          <p>
            <Button
              onClick={() => decide.mutate({ id: v.id, decision: 'approve' })}
              isLoading={decide.isPending}
            >
              {t('approve')}
            </Button>{' '}
            <Button variant="secondary" onClick={() => setRejecting(true)}>
              {t('reject')}
            </Button>
          </p>
        )}
      </section>
    </Card>
  );
}

function Queue() {
  const { t } = useTranslation('memoReview');
  const { t: tc } = useTranslation();
  const query = useMemoReviews();
  return (
    <Page title={t('title')} lead={t('lead')}>
      {query.isPending ? (
        <Spinner label={t('loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : query.data.items.length === 0 ? (
        <Card>
          <p className="muted">{t('empty')}</p>
        </Card>
      ) : (
        <>
          <p data-testid="memo-pending-count">{t('count', { count: query.data.total })}</p>
          {query.data.items.map((item) => (
            <ReviewItem key={item.version.id} item={item} />
          ))}
        </>
      )}
    </Page>
  );
}

/** R5.3: [decided] back-office admins review memos, Q&A and announcements; operators see why not. */
export function MemoReviewPage() {
  const { t } = useTranslation('memoReview');
  const { user } = useAuth();
  if (user?.role !== 'admin') {
    return (
      <Page title={t('title')}>
        <Alert tone="info">{t('adminOnly')}</Alert>
      </Page>
    );
  }
  return <Queue />;
}
