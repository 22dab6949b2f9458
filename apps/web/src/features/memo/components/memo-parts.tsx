import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { containsUrl, countCharacters, MEMO_LIMITS } from '@bc/domain';
import { Button } from '@bc/ui';
import type { MemoKindState, MemoQuota, MemoVersion } from './memo-types';

export function formatDateTime(iso: string, language: string): string {
  return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : 'ja-JP', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));
}

export type CountedTextAreaProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string | null;
  rows?: number;
  aside?: ReactNode;
};

/** A text area with a live count of characters as a person sees them, and a URL warning (R5.2). */
export function CountedTextArea({
  label,
  value,
  onChange,
  disabled,
  error,
  rows = 3,
  aside,
}: CountedTextAreaProps) {
  const { t } = useTranslation('memo');
  const id = useId();
  const count = countCharacters(value);
  const over = count > MEMO_LIMITS.fieldCharacters;
  const url = containsUrl(value);
  const problem = error ?? (over ? t('errors.tooLong') : url ? t('errors.url') : null);
  return (
    <div className={`field memo-field${problem ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className="memo-field__body">
        <div>
          <textarea
            id={id}
            className="field__input"
            rows={rows}
            value={value}
            disabled={disabled}
            aria-invalid={problem ? true : undefined}
            aria-describedby={`${id}-count`}
            onChange={(e) => onChange(e.target.value)}
          />
          <p id={`${id}-count`} className={over ? 'field__error' : 'field__hint'} data-testid="char-count">
            {t('count', { count, limit: MEMO_LIMITS.fieldCharacters })}
          </p>
          {problem ? <p className="field__error">{problem}</p> : null}
        </div>
        {aside}
      </div>
    </div>
  );
}

export function hasProblem(text: string): boolean {
  return countCharacters(text) > MEMO_LIMITS.fieldCharacters || containsUrl(text);
}

/** The content of one version, by kind. */
export function VersionContent({ version }: { version: MemoVersion }) {
  const { t } = useTranslation('memo');
  if (version.memo) {
    return (
      <dl className="details">
        {(['basicInfo', 'businessHours', 'freeText'] as const).map((f) => (
          <div key={f}>
            <dt>{t(`fields.${f}`)}</dt>
            <dd className="memo">{version.memo![f] || '—'}</dd>
          </div>
        ))}
      </dl>
    );
  }
  if (version.qa) {
    return version.qa.length === 0 ? (
      <p className="muted">{t('qa.none')}</p>
    ) : (
      <dl className="details">
        {version.qa.map((p, i) => (
          <div key={i}>
            <dt>Q. {p.question}</dt>
            <dd>A. {p.answer}</dd>
          </div>
        ))}
      </dl>
    );
  }
  return <p className="memo">{version.announcement}</p>;
}

function WindowLine({ version }: { version: MemoVersion }) {
  const { t, i18n } = useTranslation('memo');
  if (!version.liveFrom && !version.liveUntil) return null;
  return (
    <p className="muted">
      {t('window', {
        from: version.liveFrom ? formatDateTime(version.liveFrom, i18n.language) : t('windowOpen'),
        until: version.liveUntil ? formatDateTime(version.liveUntil, i18n.language) : t('windowOpen'),
      })}
    </p>
  );
}

export type VersionsProps = {
  state: MemoKindState;
  liveLabel: string;
  emptyLive: string;
  onWithdraw: (id: string) => void;
  withdrawing: boolean;
};

/** R5.3: what is live now beside what waits for review; a rejected one with the reviewer's reason. */
export function Versions({ state, liveLabel, emptyLive, onWithdraw, withdrawing }: VersionsProps) {
  const { t, i18n } = useTranslation('memo');
  return (
    <>
      {state.rejected ? (
        <div className="alert alert--error" role="alert" data-testid={`${state.kind}-rejected`}>
          <p>{t('rejected', { date: formatDateTime(state.rejected.decidedAt!, i18n.language) })}</p>
          <p>
            <strong>{t('reason')}</strong> {state.rejected.rejectReason}
          </p>
        </div>
      ) : null}
      <div className="memo-versions">
        <section aria-label={liveLabel} data-testid={`${state.kind}-live`}>
          <h3>{liveLabel}</h3>
          {state.live ? (
            <>
              <VersionContent version={state.live} />
              <WindowLine version={state.live} />
              <p className="muted">
                {t('approvedBy', {
                  name: state.live.decidedByName ?? '—',
                  date: formatDateTime(state.live.decidedAt!, i18n.language),
                })}
              </p>
            </>
          ) : (
            <p className="muted">{emptyLive}</p>
          )}
        </section>
        <section aria-label={t('pendingTitle')} data-testid={`${state.kind}-pending`}>
          <h3>{t('pendingTitle')}</h3>
          {state.pending ? (
            <>
              <VersionContent version={state.pending} />
              <WindowLine version={state.pending} />
              <p className="muted">
                {t('submittedAt', { date: formatDateTime(state.pending.submittedAt, i18n.language) })}
              </p>
              <Button
                variant="secondary"
                onClick={() => onWithdraw(state.pending!.id)}
                isLoading={withdrawing}
              >
                {t('withdraw')}
              </Button>
            </>
          ) : (
            <p className="muted">{t('noPending')}</p>
          )}
        </section>
      </div>
      {state.scheduled.length > 0 ? (
        <section aria-label={t('scheduledTitle')}>
          <h3>{t('scheduledTitle')}</h3>
          {state.scheduled.map((v) => (
            <div key={v.id} className="memo-scheduled">
              <WindowLine version={v} />
              <VersionContent version={v} />
            </div>
          ))}
        </section>
      ) : null}
    </>
  );
}

/** R5.2: this month's submissions, the limit, and when the next is allowed. */
export function QuotaLine({ quota }: { quota: MemoQuota }) {
  const { t, i18n } = useTranslation('memo');
  const next = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
    timeZone: 'UTC',
    dateStyle: 'medium',
  }).format(new Date(`${quota.nextAllowedDate}T00:00:00Z`));
  return (
    <p className="muted" data-testid="quota">
      {t('quota', { used: quota.used, limit: quota.limit })}{' '}
      {quota.remaining === 0 ? <strong>{t('quotaNext', { date: next })}</strong> : null} {t('quotaRule')}
    </p>
  );
}

export type ScheduleFieldsProps = {
  liveFrom: string;
  liveUntil: string;
  onChange: (next: { liveFrom: string; liveUntil: string }) => void;
  disabled?: boolean;
  error?: string | null;
};

/** R8.8: an optional window (e.g. holiday text); local date-times in the browser's zone. */
export function ScheduleFields({ liveFrom, liveUntil, onChange, disabled, error }: ScheduleFieldsProps) {
  const { t } = useTranslation('memo');
  const fromId = useId();
  const untilId = useId();
  return (
    <details className="memo-schedule" open={Boolean(liveFrom || liveUntil)}>
      <summary>{t('schedule.title')}</summary>
      <p className="muted">{t('schedule.help')}</p>
      <div className="field">
        <label className="field__label" htmlFor={fromId}>
          {t('schedule.from')}
        </label>
        <input
          id={fromId}
          className="field__input"
          type="datetime-local"
          value={liveFrom}
          disabled={disabled}
          onChange={(e) => onChange({ liveFrom: e.target.value, liveUntil })}
        />
      </div>
      <div className={`field${error ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={untilId}>
          {t('schedule.until')}
        </label>
        <input
          id={untilId}
          className="field__input"
          type="datetime-local"
          value={liveUntil}
          disabled={disabled}
          onChange={(e) => onChange({ liveFrom, liveUntil: e.target.value })}
        />
        {error ? <p className="field__error">{error}</p> : null}
      </div>
    </details>
  );
}

/** datetime-local values as ISO instants (null when empty). */
export function windowOf(liveFrom: string, liveUntil: string) {
  return {
    liveFrom: liveFrom ? new Date(liveFrom).toISOString() : null,
    liveUntil: liveUntil ? new Date(liveUntil).toISOString() : null,
  };
}
