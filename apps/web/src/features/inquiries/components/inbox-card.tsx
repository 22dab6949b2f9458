import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAddInquiryNote, useAssignees, useAssignInquiry } from '../api/inbox';
import type { InquiryDetail } from '../api/inquiry-filters';
import { useFormatDateTime } from './use-format-date';

const NOTE_MAX = 2000;

/** R8.7: who looks after the inquiry, and the team's internal notes. */
export function InboxCard({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation('inquiries');
  return (
    <Card title={t('inbox.heading')}>
      <AssigneeForm inquiry={inquiry} />
      <Notes inquiry={inquiry} />
    </Card>
  );
}

function AssigneeForm({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const id = useId();
  const assignees = useAssignees();
  const assign = useAssignInquiry(inquiry.id);
  const [userId, setUserId] = useState(inquiry.assigneeUserId ?? '');
  const [done, setDone] = useState(false);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    assign.mutate(userId || null, { onSuccess: () => setDone(true) });
  };
  return (
    <form className="form" aria-label={t('inbox.assignee')} onSubmit={onSubmit}>
      {done ? <Alert tone="success">{t('inbox.assigned')}</Alert> : null}
      {assign.error ? <Alert>{translate(tc, errorMessage(assign.error))}</Alert> : null}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-assignee`}>
          {t('inbox.assignee')}
        </label>
        <select
          id={`${id}-assignee`}
          className="field__input"
          value={userId}
          onChange={(e) => setUserId(e.target.value)}
        >
          <option value="">{t('inbox.nobody')}</option>
          {(assignees.data ?? []).map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
          {inquiry.assigneeUserId && !assignees.data?.some((a) => a.id === inquiry.assigneeUserId) ? (
            <option value={inquiry.assigneeUserId}>{inquiry.assigneeName ?? inquiry.assigneeUserId}</option>
          ) : null}
        </select>
      </div>
      <Button type="submit" variant="secondary" isLoading={assign.isPending}>
        {t('inbox.assign')}
      </Button>
    </form>
  );
}

function Notes({ inquiry }: { inquiry: InquiryDetail }) {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const id = useId();
  const formatDateTime = useFormatDateTime();
  const add = useAddInquiryNote(inquiry.id);
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = body.trim();
    if (!value) return setError(t('inbox.noteRequired'));
    if (value.length > NOTE_MAX) return setError(t('inbox.noteTooLong'));
    setError(null);
    add.mutate(value, { onSuccess: () => setBody('') });
  };
  return (
    <div>
      <h3 className="card__title">{t('inbox.notes')}</h3>
      <p className="field__hint">{t('inbox.notesHint')}</p>
      {inquiry.notes.length === 0 ? (
        <p className="muted">{t('inbox.noNotes')}</p>
      ) : (
        <ul className="unhandled-list" data-testid="inquiry-notes">
          {inquiry.notes.map((note) => (
            <li key={note.id}>
              <div className="muted">
                {formatDateTime(note.createdAt)} {note.authorName ?? ''}
              </div>
              <div className="inquiry-detail-content">{note.body}</div>
            </li>
          ))}
        </ul>
      )}
      <form className="form" noValidate aria-label={t('inbox.notes')} onSubmit={onSubmit}>
        {add.error ? <Alert>{translate(tc, errorMessage(add.error))}</Alert> : null}
        <div className={`field${error ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-note`}>
            {t('inbox.note')}
          </label>
          <textarea
            id={`${id}-note`}
            className="field__input"
            rows={3}
            value={body}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-note-error` : undefined}
            onChange={(e) => setBody(e.target.value)}
          />
          {error ? (
            <p id={`${id}-note-error`} className="field__error">
              {error}
            </p>
          ) : null}
        </div>
        <Button type="submit" variant="secondary" isLoading={add.isPending}>
          {t('inbox.addNote')}
        </Button>
      </form>
    </div>
  );
}
