import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import { mapProblemToForm, translate, type FormErrors, type Message } from '@bc/app-shell';
import { useCreatePrice, type CreatePriceInput } from '../api/create-price';
import type { CatalogueItemCode, CatalogueItemKind } from '../api/get-prices';
import { firstOfNextMonth, formatDate } from './format';

export type CatalogueItem = { code: CatalogueItemCode; kind: CatalogueItemKind };

const FIELDS = ['itemCode', 'effectiveFrom', 'amount', 'includedCalls', 'perCallFee'] as const;
type Field = (typeof FIELDS)[number];
const NO_ERRORS: FormErrors<Field> = { form: null, fields: {} };
const TAX_RATE_PERCENT = 10;

const isWholeNumber = (value: string) => /^\d+$/.test(value.trim());
const local = (key: string): Message => ({ keys: [`catalogue:${key}`] });

type InputFieldProps = {
  id: string;
  label: string;
  name: Field;
  value: string;
  onChange: (value: string) => void;
  error: string | null;
  type?: 'number' | 'date';
  min?: string;
  hint?: string;
};

function InputField({
  id,
  label,
  name,
  value,
  onChange,
  error,
  type = 'number',
  min,
  hint,
}: InputFieldProps) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input"
        name={name}
        type={type}
        inputMode={type === 'number' ? 'numeric' : undefined}
        min={min}
        step={type === 'number' ? 1 : undefined}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={`${id}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/** Admins: a new price for one item from a future date (plans also take included calls and per-call fee). */
export function SchedulePriceForm({ items, today }: { items: CatalogueItem[]; today: string }) {
  const { t, i18n } = useTranslation('catalogue');
  const { t: tc } = useTranslation();
  const id = useId();
  const create = useCreatePrice();
  // R2.4 [decided]: a price starts on the 1st of a month, the earliest being next month's
  const earliest = firstOfNextMonth(today);
  const [itemCode, setItemCode] = useState<CatalogueItemCode | ''>('');
  const [effectiveFrom, setEffectiveFrom] = useState('');
  const [amount, setAmount] = useState('');
  const [includedCalls, setIncludedCalls] = useState('');
  const [perCallFee, setPerCallFee] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const [done, setDone] = useState<string | null>(null);
  const kind = items.find((item) => item.code === itemCode)?.kind;
  const isPlan = kind === 'plan';

  const fieldError = (field: Field) => {
    const message = errors.fields[field];
    return message ? translate(tc, message) : null;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(null);
    const fields: FormErrors<Field>['fields'] = {};
    if (!itemCode) fields.itemCode = local('form.errors.itemRequired');
    if (!effectiveFrom) fields.effectiveFrom = local('form.errors.dateRequired');
    else if (effectiveFrom <= today) fields.effectiveFrom = local('form.errors.dateNotFuture');
    else if (!effectiveFrom.endsWith('-01')) fields.effectiveFrom = local('form.errors.dateNotFirstOfMonth');
    if (!isWholeNumber(amount)) fields.amount = local('form.errors.amountInvalid');
    if (isPlan && !isWholeNumber(includedCalls)) fields.includedCalls = local('form.errors.countInvalid');
    if (isPlan && !isWholeNumber(perCallFee)) fields.perCallFee = local('form.errors.amountInvalid');
    if (!itemCode || Object.keys(fields).length > 0) return setErrors({ form: null, fields });
    setErrors(NO_ERRORS);
    const body: CreatePriceInput = {
      itemCode,
      effectiveFrom,
      amount: Number(amount),
      taxRatePercent: TAX_RATE_PERCENT,
      ...(isPlan ? { includedCalls: Number(includedCalls), perCallFee: Number(perCallFee) } : {}),
    };
    create.mutate(body, {
      onSuccess: (row) => {
        setDone(
          t('form.success', {
            item: t(`items.${row.itemCode}`),
            date: formatDate(row.effectiveFrom, i18n.language),
          }),
        );
        setEffectiveFrom('');
        setAmount('');
        setIncludedCalls('');
        setPerCallFee('');
      },
      onError: (error) => setErrors(mapProblemToForm(error, FIELDS)),
    });
  };

  return (
    <Card title={t('form.heading')}>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('form.heading')}>
        {errors.form ? <Alert>{translate(tc, errors.form)}</Alert> : null}
        {done ? <Alert tone="success">{done}</Alert> : null}
        <div className={`field${fieldError('itemCode') ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-item`}>
            {t('form.item')}
          </label>
          <select
            id={`${id}-item`}
            className="field__input"
            name="itemCode"
            value={itemCode}
            aria-invalid={fieldError('itemCode') ? true : undefined}
            aria-describedby={fieldError('itemCode') ? `${id}-item-error` : undefined}
            onChange={(event) => setItemCode(event.target.value as CatalogueItemCode | '')}
          >
            <option value="">{t('form.itemPlaceholder')}</option>
            {items.map((item) => (
              <option key={item.code} value={item.code}>
                {`${t(`items.${item.code}`)}（${t(`kind.${item.kind}`)}）`}
              </option>
            ))}
          </select>
          {fieldError('itemCode') ? (
            <p id={`${id}-item-error`} className="field__error">
              {fieldError('itemCode')}
            </p>
          ) : null}
        </div>
        <InputField
          id={`${id}-date`}
          label={t('form.effectiveFrom')}
          name="effectiveFrom"
          type="date"
          min={earliest}
          value={effectiveFrom}
          onChange={setEffectiveFrom}
          error={fieldError('effectiveFrom')}
          hint={t('form.effectiveFromHint')}
        />
        <InputField
          id={`${id}-amount`}
          label={kind === 'fee' ? t('form.amountOnce') : t('form.amountMonthly')}
          name="amount"
          min="0"
          value={amount}
          onChange={setAmount}
          error={fieldError('amount')}
        />
        {isPlan ? (
          <>
            <InputField
              id={`${id}-calls`}
              label={t('form.includedCalls')}
              name="includedCalls"
              min="0"
              value={includedCalls}
              onChange={setIncludedCalls}
              error={fieldError('includedCalls')}
            />
            <InputField
              id={`${id}-per-call`}
              label={t('form.perCallFee')}
              name="perCallFee"
              min="0"
              value={perCallFee}
              onChange={setPerCallFee}
              error={fieldError('perCallFee')}
            />
          </>
        ) : null}
        <Button type="submit" isLoading={create.isPending}>
          {create.isPending ? t('form.submitting') : t('form.submit')}
        </Button>
      </form>
    </Card>
  );
}
