import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, TextField } from '@bc/ui';
import { errorMessage, mapProblemToForm, translate, type FormErrors } from '@bc/app-shell';
import { useResendConfirmation } from '../api/resend-confirmation';
import { validateEmail } from '../utils/validate';

function SentNotice({ email }: { email: string }) {
  const { t } = useTranslation();
  // Worded so it never tells whether the address exists.
  return <Alert tone="success">{t('resendConfirmation.sent', { email })}</Alert>;
}

export type ResendConfirmationButtonProps = {
  /** Where the new link goes: the address just signed up with, or typed into the log-in form. */
  email: string;
  label?: string;
  variant?: 'primary' | 'secondary';
};

/** One button: resends the link to a known address, then rests for a minute. */
export function ResendConfirmationButton({
  email,
  label,
  variant = 'secondary',
}: ResendConfirmationButtonProps) {
  const { t } = useTranslation();
  const resend = useResendConfirmation();
  return (
    <div className="form">
      {resend.sentTo ? <SentNotice email={resend.sentTo} /> : null}
      {resend.error ? <Alert>{translate(t, errorMessage(resend.error))}</Alert> : null}
      <Button
        variant={variant}
        isLoading={resend.isPending}
        disabled={resend.isDisabled}
        onClick={() => resend.resend(email)}
      >
        {resend.isPending ? t('resendConfirmation.sending') : (label ?? t('resendConfirmation.button'))}
      </Button>
    </div>
  );
}

const FIELDS = ['email'] as const;
type Field = (typeof FIELDS)[number];
const NO_ERRORS: FormErrors<Field> = { form: null, fields: {} };

/** The address is not known (e.g. from an expired or broken link): ask for it, then resend. */
export function ResendConfirmationForm() {
  const { t } = useTranslation();
  const resend = useResendConfirmation();
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  const emailError = errors.fields.email ? translate(t, errors.fields.email) : null;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fieldError = validateEmail(email);
    setErrors({ form: null, fields: fieldError ? { email: fieldError } : {} });
    if (fieldError) return;
    resend.resend(email.trim(), { onError: (error) => setErrors(mapProblemToForm(error, FIELDS)) });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {errors.form ? <Alert>{translate(t, errors.form)}</Alert> : null}
      {resend.sentTo ? <SentNotice email={resend.sentTo} /> : null}
      <TextField
        label={t('fields.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={email}
        onChange={setEmail}
        error={emailError}
      />
      <Button type="submit" isLoading={resend.isPending} disabled={resend.isDisabled}>
        {resend.isPending ? t('resendConfirmation.sending') : t('resendConfirmation.submit')}
      </Button>
    </form>
  );
}
