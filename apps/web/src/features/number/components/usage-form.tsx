import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import { RadioGroup } from '@bc/ui';
import { ApiError, errorMessage, fieldOfPointer, translate } from '@bc/app-shell';
import type { MyNumber, UsageMethod } from '../api/get-my-number';
import { useUpdateNumberUsage } from '../api/update-number-usage';

type Field = 'carrier' | 'forwardedFrom';
type FieldErrors = Partial<Record<Field, string>>;

const CARRIER_MAX = 50;
const SERVER_FIELD_CODES = [
  'PHONE_NUMBER_INVALID',
  'FORWARD_FROM_NOT_A_LINE',
  'FORWARD_FROM_NOT_FREE_DIAL',
  'FORWARD_FROM_SELF',
] as const;

export type UsageFormProps = {
  myNumber: MyNumber;
};

/** R3.2: method A/B/C; for B and C the carrier and the number forwarded from. */
export function UsageForm({ myNumber }: UsageFormProps) {
  const { t } = useTranslation('number');
  const { t: tc } = useTranslation();
  const update = useUpdateNumberUsage();
  const usage = myNumber.usage;
  const [method, setMethod] = useState<UsageMethod>(usage?.method ?? 'A');
  const [carrier, setCarrier] = useState(usage?.carrier ?? '');
  const [forwardedFrom, setForwardedFrom] = useState(usage?.forwardedFromDisplay ?? '');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const forwarding = method !== 'A';

  const fieldMessage = (code: string | null): string => {
    if (code === 'MAX_LENGTH') return t('errors.tooLong');
    if (code === 'IS_NOT_EMPTY') return t('errors.required');
    const known = SERVER_FIELD_CODES.find((c) => c === code);
    return known ? t(`errors.${known}`) : tc('errors.fieldInvalid');
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    setFormError(null);
    const input = forwarding
      ? { method, carrier: carrier.trim(), forwardedFrom: forwardedFrom.trim() }
      : { method };
    const errors: FieldErrors = {};
    if (forwarding) {
      if (!input.carrier) errors.carrier = t('errors.required');
      else if (input.carrier.length > CARRIER_MAX) errors.carrier = t('errors.tooLong');
      if (!input.forwardedFrom) errors.forwardedFrom = t('errors.required');
    }
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    update.mutate(input, {
      onSuccess: () => setSaved(true),
      onError: (error) => {
        const next: FieldErrors = {};
        if (error instanceof ApiError) {
          for (const issue of error.problem.errors) {
            const field = fieldOfPointer(issue.pointer);
            if ((field === 'carrier' || field === 'forwardedFrom') && !next[field]) {
              next[field] = fieldMessage(issue.code);
            }
          }
        }
        setFieldErrors(next);
        setFormError(translate(tc, errorMessage(error)));
      },
    });
  };

  return (
    <Card title={t('form.heading')}>
      <p className="muted">{t('form.lead')}</p>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('form.heading')}>
        {formError ? <Alert>{formError}</Alert> : null}
        {saved ? <Alert tone="success">{t('form.saved')}</Alert> : null}
        <RadioGroup<UsageMethod>
          legend={t('form.method')}
          name="method"
          value={method}
          options={(['A', 'B', 'C'] as const).map((value) => ({ value, label: t(`form.methods.${value}`) }))}
          onChange={(value) => {
            setMethod(value);
            setFieldErrors({});
          }}
        />
        {forwarding ? (
          <>
            <TextField
              label={t('form.carrier')}
              name="carrier"
              value={carrier}
              onChange={setCarrier}
              required
              hint={t('form.carrierHint')}
              error={fieldErrors.carrier}
            />
            <TextField
              label={method === 'B' ? t('form.forwardedFromB') : t('form.forwardedFromC')}
              name="forwardedFrom"
              value={forwardedFrom}
              onChange={setForwardedFrom}
              autoComplete="tel-national"
              required
              hint={method === 'B' ? t('form.forwardedFromBHint') : t('form.forwardedFromCHint')}
              error={fieldErrors.forwardedFrom}
            />
          </>
        ) : null}
        <Button type="submit" isLoading={update.isPending}>
          {update.isPending ? t('form.submitting') : t('form.submit')}
        </Button>
      </form>
      <h3>{t('form.current')}</h3>
      {usage ? (
        <dl className="details" data-testid="current-usage">
          <dt>{t('form.method')}</dt>
          <dd>{t(`form.methods.${usage.method}`)}</dd>
          {usage.carrier ? (
            <>
              <dt>{t('form.carrierLabel')}</dt>
              <dd>{usage.carrier}</dd>
            </>
          ) : null}
          {usage.forwardedFromDisplay ? (
            <>
              <dt>{t('form.forwardedFromLabel')}</dt>
              <dd>{usage.forwardedFromDisplay}</dd>
            </>
          ) : null}
        </dl>
      ) : (
        <p className="muted" data-testid="current-usage">
          {t('form.none')}
        </p>
      )}
    </Card>
  );
}
