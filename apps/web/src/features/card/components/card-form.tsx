import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import type { PaymentsConfig } from '../api/get-payments-config';
import { useRegisterCard } from '../api/register-card';
import { tokenizeCard, TokenizationError, type CardInput } from '../lib/tokenize-card';

type Field = 'number' | 'expiry' | 'cvc' | 'name';
type Values = Record<Field, string>;
type FieldErrors = Partial<Record<Field, string>>;

const EMPTY: Values = { number: '', expiry: '', cvc: '', name: '' };
const NAME_MAX = 100;
/** Stripe error codes we have our own message for (card namespace, providerErrors). */
const PROVIDER_CODES = [
  'incorrect_number',
  'invalid_number',
  'invalid_expiry_month',
  'invalid_expiry_year',
  'invalid_cvc',
  'incorrect_cvc',
  'card_declined',
  'expired_card',
  'processing_error',
] as const;

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 'MM/YY' (or 'MM/YYYY') → month and four-digit year, or null. */
function parseExpiry(text: string): { month: number; year: number } | null {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(text);
  if (!m) return null;
  const month = Number(m[1]);
  const year = m[2].length === 2 ? 2000 + Number(m[2]) : Number(m[2]);
  return month >= 1 && month <= 12 ? { month, year } : null;
}

export type CardFormProps = {
  config: PaymentsConfig;
  hasCard: boolean;
};

/**
 * R1.5: the card form. The card goes from the browser straight to the provider's tokenisation
 * endpoint (publishable key); only the token it answers is sent to our API. The fields are
 * emptied as soon as the card has been sent, whatever the outcome.
 */
export function CardForm({ config, hasCard }: CardFormProps) {
  const { t } = useTranslation('card');
  const { t: tc } = useTranslation();
  const register = useRegisterCard();
  const [values, setValues] = useState<Values>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [done, setDone] = useState<'registered' | 'changed' | null>(null);
  const [tokenizing, setTokenizing] = useState(false);
  const busy = tokenizing || register.isPending;

  const setField = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const validate = (input: Values): { errors: FieldErrors; card: CardInput | null } => {
    const errors: FieldErrors = {};
    const digits = input.number.replace(/[\s-]/g, '');
    if (!digits) errors.number = t('fieldErrors.required');
    else if (!/^\d{12,19}$/.test(digits) || !luhnValid(digits)) errors.number = t('fieldErrors.number');
    const expiry = parseExpiry(input.expiry);
    if (!input.expiry.trim()) errors.expiry = t('fieldErrors.required');
    else if (!expiry) errors.expiry = t('fieldErrors.expiry');
    else {
      const now = new Date();
      const current = now.getFullYear() * 12 + now.getMonth();
      if (expiry.year * 12 + expiry.month - 1 < current) errors.expiry = t('fieldErrors.expiryPast');
    }
    const cvc = input.cvc.trim();
    if (!cvc) errors.cvc = t('fieldErrors.required');
    else if (!/^\d{3,4}$/.test(cvc)) errors.cvc = t('fieldErrors.cvc');
    const name = input.name.trim();
    if (!name) errors.name = t('fieldErrors.required');
    else if (name.length > NAME_MAX) errors.name = t('fieldErrors.nameTooLong', { max: NAME_MAX });
    if (Object.keys(errors).length > 0 || !expiry) return { errors, card: null };
    return { errors, card: { number: digits, expMonth: expiry.month, expYear: expiry.year, cvc, name } };
  };

  const providerMessage = (error: TokenizationError): string => {
    if (error.code === null) return t('providerErrors.network');
    const own = PROVIDER_CODES.find((c) => c === error.code);
    return own ? t(`providerErrors.${own}`) : t('providerErrors.generic');
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    setDone(null);
    setFormError(null);
    const { errors, card } = validate(values);
    setFieldErrors(errors);
    if (!card) return;
    // The card leaves the form's state now: only this function's local copy is sent on.
    setValues(EMPTY);
    setTokenizing(true);
    let token: string;
    try {
      token = await tokenizeCard(config, card);
    } catch (err) {
      setFormError(err instanceof TokenizationError ? providerMessage(err) : t('providerErrors.generic'));
      return;
    } finally {
      setTokenizing(false);
    }
    register.mutate(token, {
      onSuccess: () => setDone(hasCard ? 'changed' : 'registered'),
      onError: (error) => setFormError(translate(tc, errorMessage(error))),
    });
  };

  const heading = hasCard ? t('form.headingChange') : t('form.headingRegister');
  return (
    <Card title={heading}>
      <p className="muted">{t('form.lead')}</p>
      <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={heading}>
        {formError ? <Alert>{formError}</Alert> : null}
        {done ? <Alert tone="success">{t(`form.${done}`)}</Alert> : null}
        <TextField
          label={t('form.number')}
          name="cardNumber"
          value={values.number}
          onChange={setField('number')}
          autoComplete="cc-number"
          required
          hint={t('form.numberHint')}
          error={fieldErrors.number}
        />
        <TextField
          label={t('form.expiry')}
          name="cardExpiry"
          value={values.expiry}
          onChange={setField('expiry')}
          autoComplete="cc-exp"
          required
          hint={t('form.expiryHint')}
          error={fieldErrors.expiry}
        />
        <TextField
          label={t('form.cvc')}
          name="cardCvc"
          type="password"
          value={values.cvc}
          onChange={setField('cvc')}
          autoComplete="cc-csc"
          required
          hint={t('form.cvcHint')}
          error={fieldErrors.cvc}
        />
        <TextField
          label={t('form.name')}
          name="cardName"
          value={values.name}
          onChange={setField('name')}
          autoComplete="cc-name"
          required
          hint={t('form.nameHint')}
          error={fieldErrors.name}
        />
        <Button type="submit" isLoading={busy}>
          {busy ? t('form.submitting') : hasCard ? t('form.submitChange') : t('form.submitRegister')}
        </Button>
      </form>
    </Card>
  );
}
