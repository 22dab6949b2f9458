import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DataTable, Spinner, TextField, type Column } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { ApiError, errorMessage, translate } from '@bc/app-shell';
import { useAddCallerBlock, useBlocklist, useRemoveCallerBlock, type CallerBlock } from '../api/blocklist';

const NOTE_MAX = 200;
/** Digits (half- or full-width), spaces, hyphens, brackets and a leading +: what people type. */
const PHONE_LIKE = /^\+?[0-9０-９\s\-‐－ー()（）]{10,20}$/;

/** R4.9: the customer's blocklist: add a number (with a note), see them, remove one. */
export function BlocklistPage() {
  const { t } = useTranslation('inquiries');
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <Page title={t('blocklist.title')} lead={t('blocklist.lead')}>
      {notice ? <Alert tone="success">{notice}</Alert> : null}
      <div className="grid">
        <AddBlockForm onAdded={setNotice} />
        <BlockList onRemoved={setNotice} />
      </div>
    </Page>
  );
}

function AddBlockForm({ onAdded }: { onAdded: (message: string) => void }) {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const add = useAddCallerBlock();
  const [number, setNumber] = useState('');
  const [note, setNote] = useState('');
  const [numberError, setNumberError] = useState<string | null>(null);
  const [noteError, setNoteError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const value = number.trim();
    const numberProblem = !value
      ? t('blocklist.add.required')
      : PHONE_LIKE.test(value)
        ? null
        : t('blocklist.add.invalid');
    const noteProblem = note.trim().length > NOTE_MAX ? t('blocklist.add.noteTooLong') : null;
    setNumberError(numberProblem);
    setNoteError(noteProblem);
    if (numberProblem || noteProblem) return;
    add.mutate(
      { number: value, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: (block) => {
          setNumber('');
          setNote('');
          onAdded(t('blocklist.add.added', { number: block.display }));
        },
        onError: (error) => {
          const issues = error instanceof ApiError ? error.problem.errors : [];
          if (issues.some((i) => i.pointer === '/body/number'))
            return setNumberError(t('blocklist.add.invalid'));
          if (issues.some((i) => i.pointer === '/body/note'))
            return setNoteError(t('blocklist.add.noteTooLong'));
          setFormError(translate(tc, errorMessage(error)));
        },
      },
    );
  };

  return (
    <Card title={t('blocklist.add.heading')}>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('blocklist.add.heading')}>
        {formError ? <Alert>{formError}</Alert> : null}
        <TextField
          label={t('blocklist.add.number')}
          name="number"
          value={number}
          onChange={setNumber}
          autoComplete="off"
          required
          hint={t('blocklist.add.numberHint')}
          error={numberError}
        />
        <TextField
          label={t('blocklist.add.note')}
          name="note"
          value={note}
          onChange={setNote}
          autoComplete="off"
          hint={t('blocklist.add.noteHint')}
          error={noteError}
        />
        <Button type="submit" isLoading={add.isPending}>
          {add.isPending ? t('blocklist.add.submitting') : t('blocklist.add.submit')}
        </Button>
      </form>
    </Card>
  );
}

function BlockList({ onRemoved }: { onRemoved: (message: string) => void }) {
  const { t, i18n } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const blocks = useBlocklist();
  const remove = useRemoveCallerBlock();
  const format = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  });
  const columns: Column<CallerBlock>[] = [
    { key: 'number', kind: 'number', header: t('blocklist.list.number'), cell: (block) => block.display },
    { key: 'note', kind: 'long', header: t('blocklist.list.note'), cell: (block) => block.note ?? '' },
    {
      key: 'createdAt',
      kind: 'date',
      header: t('blocklist.list.createdAt'),
      cell: (block) => format.format(new Date(block.createdAt)),
    },
    {
      key: 'remove',
      kind: 'control',
      header: <span className="visually-hidden">{t('blocklist.list.remove')}</span>,
      label: '',
      cell: (block) => (
        <button
          type="button"
          className="button button--ghost"
          aria-label={t('blocklist.list.removeLabel', { number: block.display })}
          disabled={remove.isPending}
          onClick={() =>
            remove.mutate(block, {
              onSuccess: () => onRemoved(t('blocklist.list.removed', { number: block.display })),
            })
          }
        >
          {t('blocklist.list.remove')}
        </button>
      ),
    },
  ];
  return (
    <Card title={t('blocklist.list.caption')}>
      {remove.error ? <Alert>{translate(tc, errorMessage(remove.error))}</Alert> : null}
      {blocks.isPending ? (
        <Spinner label={tc('app.loading')} />
      ) : blocks.isError ? (
        <Alert>{translate(tc, errorMessage(blocks.error))}</Alert>
      ) : blocks.data.length === 0 ? (
        <p className="muted">{t('blocklist.list.empty')}</p>
      ) : (
        <DataTable
          label={t('blocklist.list.caption')}
          columns={columns}
          rows={blocks.data}
          rowKey={(block) => block.id}
        />
      )}
    </Card>
  );
}
