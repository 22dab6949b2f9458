import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, TextField } from '@bc/ui';
import { ApiError, errorMessage, fieldOfPointer, mapProblemToForm, translate } from '@bc/app-shell';
import type { ScreenPop } from './screen-pop';
import {
  INQUIRY_CATEGORIES,
  INQUIRY_LIMITS,
  useRecordInquiry,
  type InquiryCategory,
  type RecordedInquiry,
} from './record-inquiry';

const FIELDS = [
  'callerName',
  'callerCompany',
  'forWhom',
  'callbackRequired',
  'callbackNumber',
  'category',
  'content',
  'urgent',
] as const;
type Field = (typeof FIELDS)[number];
type FieldErrors = Partial<Record<Field, string>>;

type InquiryFormValues = {
  callerName: string;
  callerCompany: string;
  forWhom: string;
  callbackRequired: 'yes' | 'no' | '';
  callbackNumber: string;
  category: InquiryCategory;
  content: string;
  urgent: boolean;
};

const length = (text: string) => [...text].length;

/** Prefilled from what is known: the listed caller (R8.1) and the caller ID. */
function initialValues(pop: ScreenPop): InquiryFormValues {
  return {
    callerName: pop.contact?.name ?? '',
    callerCompany: pop.contact?.company ?? '',
    forWhom: '',
    callbackRequired: '',
    callbackNumber: pop.call.fromDisplay ?? '',
    category: 'normal',
    content: '',
    urgent: false,
  };
}

export type InquiryFormProps = {
  pop: ScreenPop;
  onRecorded: (inquiry: RecordedInquiry) => void;
  /** Shown but not editable (the desk: while the call still rings). */
  disabled?: boolean;
};

/** R4.1, R8.2: what the operator records about the call (one inquiry per call). */
export function InquiryForm({ pop, onRecorded, disabled = false }: InquiryFormProps) {
  const { t } = useTranslation('calls');
  const { t: tc } = useTranslation();
  const id = useId();
  const record = useRecordInquiry(pop.call.id);
  const [values, setValues] = useState<InquiryFormValues>(() => initialValues(pop));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const set = <K extends keyof InquiryFormValues>(key: K, value: InquiryFormValues[K]) =>
    setValues((v) => ({ ...v, [key]: value }));

  const validate = (): FieldErrors => {
    const found: FieldErrors = {};
    const tooLong = (max: number) => t('form.errors.tooLong', { max });
    if (!values.callerName.trim()) found.callerName = t('form.errors.required');
    else if (length(values.callerName.trim()) > INQUIRY_LIMITS.callerName)
      found.callerName = tooLong(INQUIRY_LIMITS.callerName);
    if (length(values.callerCompany.trim()) > INQUIRY_LIMITS.callerCompany)
      found.callerCompany = tooLong(INQUIRY_LIMITS.callerCompany);
    if (length(values.forWhom.trim()) > INQUIRY_LIMITS.forWhom)
      found.forWhom = tooLong(INQUIRY_LIMITS.forWhom);
    if (values.callbackRequired === '') found.callbackRequired = t('form.errors.choose');
    if (values.callbackRequired === 'yes' && !values.callbackNumber.trim())
      found.callbackNumber = t('form.errors.callbackNumberRequired');
    if (!values.content.trim()) found.content = t('form.errors.required');
    else if (length(values.content.trim()) > INQUIRY_LIMITS.content)
      found.content = tooLong(INQUIRY_LIMITS.content);
    return found;
  };

  const fromProblem = (error: unknown) => {
    const mapped = mapProblemToForm(error, FIELDS);
    const found: FieldErrors = {};
    for (const [field, message] of Object.entries(mapped.fields)) {
      if (message) found[field as Field] = translate(tc, message);
    }
    if (error instanceof ApiError) {
      for (const issue of error.problem.errors) {
        const field = fieldOfPointer(issue.pointer);
        if (field === 'callbackNumber' && issue.code === 'PHONE_NUMBER_INVALID')
          found.callbackNumber = t('form.errors.phone');
        if (field === 'callbackNumber' && issue.code === 'IS_NOT_EMPTY')
          found.callbackNumber = t('form.errors.callbackNumberRequired');
      }
    }
    setErrors(found);
    setFormError(translate(tc, errorMessage(error)));
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (disabled || record.isPending) return;
    setFormError(null);
    const found = validate();
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    const optional = (text: string) => (text.trim() ? text.trim() : null);
    // mutateAsync, not mutate's callbacks: the desk may unmount this form (the push that ends
    // wrap-up can arrive before the POST's answer), and the operator must still be told it saved.
    record
      .mutateAsync({
        callerName: values.callerName.trim(),
        callerCompany: optional(values.callerCompany),
        forWhom: optional(values.forWhom),
        callbackRequired: values.callbackRequired === 'yes',
        callbackNumber: optional(values.callbackNumber),
        category: values.category,
        content: values.content.trim(),
        urgent: values.urgent,
      })
      .then(onRecorded, fromProblem);
  };

  const contentLength = length(values.content);
  return (
    <form className="form" onSubmit={submit} aria-labelledby={`${id}-title`} noValidate>
      <h3 id={`${id}-title`}>{t('form.title')}</h3>
      {formError ? <Alert>{formError}</Alert> : null}
      <fieldset className="form__fields" disabled={disabled}>
        <TextField
          label={t('form.callerName')}
          name="callerName"
          value={values.callerName}
          onChange={(v) => set('callerName', v)}
          required
          error={errors.callerName}
        />
        <TextField
          label={t('form.callerCompany')}
          name="callerCompany"
          value={values.callerCompany}
          onChange={(v) => set('callerCompany', v)}
          error={errors.callerCompany}
        />
        <TextField
          label={t('form.forWhom')}
          name="forWhom"
          value={values.forWhom}
          onChange={(v) => set('forWhom', v)}
          error={errors.forWhom}
        />
        <fieldset
          className={`field${errors.callbackRequired ? ' field--invalid' : ''}`}
          aria-describedby={errors.callbackRequired ? `${id}-callback-error` : undefined}
        >
          <legend className="field__label">{t('form.callbackRequired')}</legend>
          <label>
            <input
              type="radio"
              name="callbackRequired"
              value="yes"
              checked={values.callbackRequired === 'yes'}
              onChange={() => set('callbackRequired', 'yes')}
            />{' '}
            {t('form.callbackYes')}
          </label>{' '}
          <label>
            <input
              type="radio"
              name="callbackRequired"
              value="no"
              checked={values.callbackRequired === 'no'}
              onChange={() => set('callbackRequired', 'no')}
            />{' '}
            {t('form.callbackNo')}
          </label>
          {errors.callbackRequired ? (
            <p id={`${id}-callback-error`} className="field__error">
              {errors.callbackRequired}
            </p>
          ) : null}
        </fieldset>
        <TextField
          label={t('form.callbackNumber')}
          name="callbackNumber"
          value={values.callbackNumber}
          onChange={(v) => set('callbackNumber', v)}
          hint={t('form.callbackNumberHint')}
          error={errors.callbackNumber}
        />
        <div className={`field${errors.category ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-category`}>
            {t('form.category')}
          </label>
          <select
            id={`${id}-category`}
            className="field__input"
            value={values.category}
            onChange={(e) => set('category', e.target.value as InquiryCategory)}
          >
            {INQUIRY_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`category.${c}`)}
              </option>
            ))}
          </select>
          {errors.category ? <p className="field__error">{errors.category}</p> : null}
        </div>
        <div className={`field${errors.content ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-content`}>
            {t('form.content')}
          </label>
          <textarea
            id={`${id}-content`}
            className="field__input"
            rows={5}
            value={values.content}
            required
            aria-invalid={errors.content ? true : undefined}
            aria-describedby={`${id}-content-count${errors.content ? ` ${id}-content-error` : ''}`}
            onChange={(e) => set('content', e.target.value)}
          />
          {errors.content ? (
            <p id={`${id}-content-error`} className="field__error">
              {errors.content}
            </p>
          ) : null}
          <p
            id={`${id}-content-count`}
            className={contentLength > INQUIRY_LIMITS.content ? 'field__error' : 'field__hint'}
            data-testid="content-count"
          >
            {t('form.count', { length: contentLength, max: INQUIRY_LIMITS.content })}
          </p>
        </div>
        <div className="field">
          <label>
            <input
              type="checkbox"
              checked={values.urgent}
              onChange={(e) => set('urgent', e.target.checked)}
            />{' '}
            {t('form.urgent')}
          </label>
        </div>
      </fieldset>
      <button
        type="submit"
        className="button button--primary"
        data-testid="inquiry-save"
        aria-keyshortcuts="Control+Enter"
        disabled={disabled || record.isPending}
        aria-busy={record.isPending || undefined}
      >
        {t('form.save')}
      </button>
    </form>
  );
}
