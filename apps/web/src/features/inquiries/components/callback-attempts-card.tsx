import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import { ApiError, errorMessage, fieldOfPointer, translate } from '@bc/app-shell';
import { useAddCallbackAttempt } from '../api/callback-attempts';
import {
  CALLBACK_NOTE_MAX,
  CALLBACK_OUTCOMES,
  type CallbackOutcome,
  type InquiryDetail,
} from '../api/inquiry-filters';
import { useFormatDateTime } from './use-format-date';

type Field = 'outcome' | 'attemptedAt' | 'note';
type FieldErrors = Partial<Record<Field, string>>;

/** `YYYY-MM-DDTHH:mm` from a datetime-local input, read as Japan time (the service's clock). */
export function japanTimeToIso(local: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return null;
  const date = new Date(`${local}:00+09:00`);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** R8.7: 折り返し記録: each call-back attempt (when, how it went, who, a note) and a form to log one. */
export function CallbackAttemptsCard({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation('inquiries');
  const formatDateTime = useFormatDateTime();
  return (
    <Card title={t('callbacks.heading')}>
      {inquiry.callbackAttempts.length === 0 ? (
        <p className="muted">{t('callbacks.none')}</p>
      ) : (
        <ul className="unhandled-list" data-testid="callback-attempts">
          {inquiry.callbackAttempts.map((a) => (
            <li key={a.id}>
              <div>
                <span>{formatDateTime(a.attemptedAt)}</span>{' '}
                <strong>{t(`callbacks.outcome.${a.outcome}`)}</strong>{' '}
                <span className="muted">
                  {a.actorName
                    ? a.actorKind === 'api_key'
                      ? t('detail.byApiKey', { name: a.actorName })
                      : a.actorName
                    : t('detail.unknownActor')}
                </span>
              </div>
              {a.note ? <div className="inquiry-detail-content">{a.note}</div> : null}
            </li>
          ))}
        </ul>
      )}
      <CallbackAttemptForm inquiry={inquiry} />
    </Card>
  );
}

function CallbackAttemptForm({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const id = useId();
  const add = useAddCallbackAttempt(inquiry.id);
  const [outcome, setOutcome] = useState<CallbackOutcome | ''>('');
  const [note, setNote] = useState('');
  const [attemptedAt, setAttemptedAt] = useState('');
  const [markHandled, setMarkHandled] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState(false);

  const check = (): { errors: FieldErrors; iso: string | null } => {
    const found: FieldErrors = {};
    if (!outcome) found.outcome = t('callbacks.outcomeRequired');
    if (note.trim().length > CALLBACK_NOTE_MAX) found.note = t('callbacks.noteTooLong');
    let iso: string | null = null;
    if (attemptedAt) {
      iso = japanTimeToIso(attemptedAt);
      if (!iso) found.attemptedAt = t('callbacks.timeInvalid');
      else if (new Date(iso).getTime() > Date.now() + 60_000) found.attemptedAt = t('callbacks.timeInFuture');
      // The input has minutes only: the minute the inquiry arrived in still counts.
      else if (new Date(iso).getTime() < new Date(inquiry.receivedAt).getTime() - 59_999)
        found.attemptedAt = t('callbacks.timeBeforeReceived');
    }
    return { errors: found, iso };
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    setFormError(null);
    const { errors: found, iso } = check();
    setErrors(found);
    if (Object.keys(found).length > 0 || !outcome) return;
    const trimmed = note.trim();
    add.mutate(
      {
        outcome,
        ...(iso ? { attemptedAt: iso } : {}),
        ...(trimmed ? { note: trimmed } : {}),
        markHandled,
      },
      {
        onSuccess: () => {
          setDone(true);
          setOutcome('');
          setNote('');
          setAttemptedAt('');
          setMarkHandled(false);
        },
        onError: (error) => {
          const fromServer: FieldErrors = {};
          if (error instanceof ApiError) {
            for (const issue of error.problem.errors) {
              const field = fieldOfPointer(issue.pointer);
              if (field === 'attemptedAt') {
                fromServer.attemptedAt =
                  issue.code === 'DATE_IN_FUTURE'
                    ? t('callbacks.timeInFuture')
                    : issue.code === 'BEFORE_RECEIVED'
                      ? t('callbacks.timeBeforeReceived')
                      : t('callbacks.timeInvalid');
              } else if (field === 'note') fromServer.note = t('callbacks.noteTooLong');
              else if (field === 'outcome') fromServer.outcome = t('callbacks.outcomeRequired');
            }
          }
          setErrors(fromServer);
          if (Object.keys(fromServer).length === 0) setFormError(translate(tc, errorMessage(error)));
        },
      },
    );
  };

  const invalid = (field: Field) =>
    errors[field] ? { 'aria-invalid': true as const, 'aria-describedby': `${id}-${field}-error` } : {};
  const message = (field: Field) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} className="field__error">
        {errors[field]}
      </p>
    ) : null;

  return (
    <form className="form" noValidate aria-label={t('callbacks.formLabel')} onSubmit={onSubmit}>
      <h3 className="card__title">{t('callbacks.formLabel')}</h3>
      {done ? <Alert tone="success">{t('callbacks.added')}</Alert> : null}
      {formError ? <Alert>{formError}</Alert> : null}
      <div className={`field${errors.outcome ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-outcome`}>
          {t('callbacks.outcomeLabel')}
        </label>
        <select
          id={`${id}-outcome`}
          className="field__input"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value as CallbackOutcome | '')}
          {...invalid('outcome')}
        >
          <option value="">{t('callbacks.choose')}</option>
          {CALLBACK_OUTCOMES.map((o) => (
            <option key={o} value={o}>
              {t(`callbacks.outcome.${o}`)}
            </option>
          ))}
        </select>
        {message('outcome')}
      </div>
      <div className={`field${errors.attemptedAt ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-attemptedAt`}>
          {t('callbacks.timeLabel')}
        </label>
        <input
          id={`${id}-attemptedAt`}
          className="field__input"
          type="datetime-local"
          value={attemptedAt}
          onChange={(e) => setAttemptedAt(e.target.value)}
          {...invalid('attemptedAt')}
        />
        <p className="field__hint">{t('callbacks.timeHint')}</p>
        {message('attemptedAt')}
      </div>
      <div className={`field${errors.note ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`${id}-note`}>
          {t('callbacks.noteLabel')}
        </label>
        <textarea
          id={`${id}-note`}
          className="field__input"
          rows={2}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          {...invalid('note')}
        />
        {message('note')}
      </div>
      {inquiry.status !== 'handled' ? (
        <div className="field">
          <label>
            <input type="checkbox" checked={markHandled} onChange={(e) => setMarkHandled(e.target.checked)} />{' '}
            {t('callbacks.markHandled')}
          </label>
        </div>
      ) : null}
      <Button type="submit" variant="secondary" isLoading={add.isPending}>
        {t('callbacks.add')}
      </Button>
    </form>
  );
}
