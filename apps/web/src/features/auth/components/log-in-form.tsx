import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, TextField } from '@bc/ui';
import { ApiError, mapProblemToForm, translate, type FormErrors } from '@bc/app-shell';
import { useLogIn, type LogInInput } from '../api/log-in';
import { validateLogIn } from '../utils/validate';
import { ResendConfirmationButton } from './resend-confirmation';

const FIELDS = ['email', 'password'] as const;
type Field = (typeof FIELDS)[number];

const NO_ERRORS: FormErrors<Field> = { form: null, fields: {} };

const isEmailNotConfirmed = (error: unknown) =>
  error instanceof ApiError && error.problem.code === 'EMAIL_NOT_CONFIRMED';

export function LogInForm() {
  const { t } = useTranslation();
  const logIn = useLogIn();
  const [values, setValues] = useState<LogInInput>({ email: '', password: '' });
  const [errors, setErrors] = useState<FormErrors<Field>>(NO_ERRORS);
  // The right password for an address not confirmed yet: offer a new link to that address.
  const [unconfirmedEmail, setUnconfirmedEmail] = useState<string | null>(null);

  const set = (field: Field) => (value: string) => setValues((current) => ({ ...current, [field]: value }));
  const fieldError = (field: Field) => {
    const message = errors.fields[field];
    return message ? translate(t, message) : null;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = validateLogIn(values);
    setErrors({ form: null, fields });
    setUnconfirmedEmail(null);
    if (Object.keys(fields).length > 0) return;
    const email = values.email.trim();
    logIn.mutate(
      { email, password: values.password },
      {
        onError: (error) => {
          setErrors(mapProblemToForm(error, FIELDS));
          if (isEmailNotConfirmed(error)) setUnconfirmedEmail(email);
        },
      },
    );
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {errors.form ? <Alert>{translate(t, errors.form)}</Alert> : null}
      {unconfirmedEmail ? (
        <ResendConfirmationButton
          key={unconfirmedEmail}
          email={unconfirmedEmail}
          label={t('logIn.resendConfirmation')}
        />
      ) : null}
      <TextField
        label={t('fields.email')}
        name="email"
        type="email"
        autoComplete="username"
        required
        value={values.email}
        onChange={set('email')}
        error={fieldError('email')}
      />
      <TextField
        label={t('fields.password')}
        name="password"
        type="password"
        autoComplete="current-password"
        required
        value={values.password}
        onChange={set('password')}
        error={fieldError('password')}
      />
      <Button type="submit" isLoading={logIn.isPending}>
        {logIn.isPending ? t('logIn.submitting') : t('logIn.submit')}
      </Button>
    </form>
  );
}
