import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, TextField } from '@bc/ui';
import { ApiError, errorMessage, fieldOfPointer, mapProblemToForm, translate } from '@bc/app-shell';
import { CONTACT_LIMITS, useSaveContact, type Contact } from '../api/contacts';

const FIELDS = ['number', 'name', 'reading', 'company', 'vip', 'note'] as const;
type Field = (typeof FIELDS)[number];
type Errors = Partial<Record<Field, string>>;

const length = (text: string) => [...text].length;

export type ContactFormProps = {
  /** The contact being edited, or null to add one. */
  contact: Contact | null;
  onSaved: (contact: Contact) => void;
  onCancel?: () => void;
};

/** R8.1: one caller of the address book (number, name, reading, company, VIP, note). */
export function ContactForm({ contact, onSaved, onCancel }: ContactFormProps) {
  const { t } = useTranslation('contacts');
  const { t: tc } = useTranslation();
  const save = useSaveContact();
  const [values, setValues] = useState({
    number: contact?.numberDisplay ?? '',
    name: contact?.name ?? '',
    reading: contact?.reading ?? '',
    company: contact?.company ?? '',
    vip: contact?.vip ?? false,
    note: contact?.note ?? '',
  });
  const [errors, setErrors] = useState<Errors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof typeof values>(key: K, value: (typeof values)[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const validate = (): Errors => {
    const found: Errors = {};
    if (!values.number.trim()) found.number = t('errors.required');
    if (!values.name.trim()) found.name = t('errors.required');
    for (const field of ['name', 'reading', 'company', 'note'] as const) {
      if (!found[field] && length(values[field].trim()) > CONTACT_LIMITS[field]) {
        found[field] = t('errors.tooLong', { max: CONTACT_LIMITS[field] });
      }
    }
    return found;
  };

  const fromProblem = (error: unknown) => {
    const mapped = mapProblemToForm(error, FIELDS);
    const found: Errors = {};
    for (const [field, message] of Object.entries(mapped.fields)) {
      if (message) found[field as Field] = translate(tc, message);
    }
    if (error instanceof ApiError) {
      for (const issue of error.problem.errors) {
        if (fieldOfPointer(issue.pointer) === 'number' && issue.code === 'PHONE_NUMBER_INVALID') {
          found.number = t('errors.phone');
        }
      }
      if (error.problem.code === 'CONTACT_NUMBER_TAKEN') found.number = translate(tc, errorMessage(error));
    }
    setErrors(found);
    setFormError(translate(tc, errorMessage(error)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const optional = (text: string) => (text.trim() ? text.trim() : null);
    save.mutate(
      {
        id: contact?.id ?? null,
        body: {
          number: values.number.trim(),
          name: values.name.trim(),
          reading: optional(values.reading),
          company: optional(values.company),
          vip: values.vip,
          note: optional(values.note),
        },
      },
      { onSuccess: onSaved, onError: fromProblem },
    );
  };

  const title = contact ? t('form.editTitle', { name: contact.name }) : t('form.addTitle');
  return (
    <form className="form" onSubmit={submit} aria-label={title} noValidate>
      <h2 className="card__title">{title}</h2>
      {formError ? <Alert>{formError}</Alert> : null}
      <TextField
        label={t('fields.number')}
        name="number"
        value={values.number}
        onChange={(v) => set('number', v)}
        required
        hint={t('fields.numberHint')}
        error={errors.number}
      />
      <TextField
        label={t('fields.name')}
        name="name"
        value={values.name}
        onChange={(v) => set('name', v)}
        required
        error={errors.name}
      />
      <TextField
        label={t('fields.reading')}
        name="reading"
        value={values.reading}
        onChange={(v) => set('reading', v)}
        error={errors.reading}
      />
      <TextField
        label={t('fields.company')}
        name="company"
        value={values.company}
        onChange={(v) => set('company', v)}
        error={errors.company}
      />
      <div className="field">
        <label>
          <input type="checkbox" checked={values.vip} onChange={(e) => set('vip', e.target.checked)} />{' '}
          {t('fields.vip')}
        </label>
      </div>
      <div className={`field${errors.note ? ' field--invalid' : ''}`}>
        <label className="field__label" htmlFor={`contact-note-${contact?.id ?? 'new'}`}>
          {t('fields.note')}
        </label>
        <textarea
          id={`contact-note-${contact?.id ?? 'new'}`}
          className="field__input"
          rows={3}
          value={values.note}
          aria-invalid={errors.note ? true : undefined}
          onChange={(e) => set('note', e.target.value)}
        />
        {errors.note ? <p className="field__error">{errors.note}</p> : null}
        <p className="field__hint">{t('fields.noteHint')}</p>
      </div>
      <div className="actions">
        <Button type="submit" isLoading={save.isPending}>
          {contact ? t('form.update') : t('form.add')}
        </Button>
        {onCancel ? (
          <Button variant="secondary" onClick={onCancel}>
            {t('form.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
