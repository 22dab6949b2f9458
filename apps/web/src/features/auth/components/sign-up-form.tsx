import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, TextField } from '@bc/ui';
import { RadioGroup } from '@bc/ui';
import { mapProblemToForm, translate, type FormErrors } from '@bc/app-shell';
import { useSignUp, type AccountType } from '../api/sign-up';
import { validateSignUp, type SignUpField } from '../utils/validate';

const FIELDS = [
  'email',
  'password',
  'accountType',
  'name',
  'companyName',
] as const satisfies readonly SignUpField[];

type Values = {
  email: string;
  password: string;
  accountType: AccountType;
  name: string;
  companyName: string;
};

const NO_ERRORS: FormErrors<SignUpField> = { form: null, fields: {} };

export type SignUpFormProps = {
  /** Called with the address the confirmation link was mailed to. */
  onSignedUp: (email: string) => void;
};

export function SignUpForm({ onSignedUp }: SignUpFormProps) {
  const { t } = useTranslation();
  const signUp = useSignUp();
  const [values, setValues] = useState<Values>({
    email: '',
    password: '',
    accountType: 'individual',
    name: '',
    companyName: '',
  });
  const [errors, setErrors] = useState<FormErrors<SignUpField>>(NO_ERRORS);
  const isCorporation = values.accountType === 'corporation';

  const set =
    <F extends keyof Values>(field: F) =>
    (value: Values[F]) =>
      setValues((current) => ({ ...current, [field]: value }));
  const fieldError = (field: SignUpField) => {
    const message = errors.fields[field];
    return message ? translate(t, message) : null;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const input = {
      email: values.email.trim(),
      password: values.password,
      accountType: values.accountType,
      name: values.name.trim(),
      ...(isCorporation ? { companyName: values.companyName.trim() } : {}),
    };
    const fields = validateSignUp(input);
    setErrors({ form: null, fields });
    if (Object.keys(fields).length > 0) return;
    signUp.mutate(input, {
      onSuccess: (result) => onSignedUp(result.email),
      onError: (error) => setErrors(mapProblemToForm(error, FIELDS)),
    });
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      {errors.form ? <Alert>{translate(t, errors.form)}</Alert> : null}
      <TextField
        label={t('fields.email')}
        name="email"
        type="email"
        autoComplete="email"
        required
        value={values.email}
        onChange={set('email')}
        error={fieldError('email')}
      />
      <TextField
        label={t('fields.password')}
        name="password"
        type="password"
        autoComplete="new-password"
        required
        hint={t('signUp.passwordHint')}
        value={values.password}
        onChange={set('password')}
        error={fieldError('password')}
      />
      <RadioGroup<AccountType>
        legend={t('fields.accountType')}
        name="accountType"
        value={values.accountType}
        options={[
          { value: 'individual', label: t('accountType.individual') },
          { value: 'corporation', label: t('accountType.corporation') },
        ]}
        onChange={set('accountType')}
        error={fieldError('accountType')}
      />
      {isCorporation ? (
        <TextField
          label={t('fields.companyName')}
          name="companyName"
          autoComplete="organization"
          required
          value={values.companyName}
          onChange={set('companyName')}
          error={fieldError('companyName')}
        />
      ) : null}
      <TextField
        label={t('fields.name')}
        name="name"
        autoComplete="name"
        required
        hint={isCorporation ? t('signUp.nameHintCorporation') : undefined}
        value={values.name}
        onChange={set('name')}
        error={fieldError('name')}
      />
      <Button type="submit" isLoading={signUp.isPending}>
        {signUp.isPending ? t('signUp.submitting') : t('signUp.submit')}
      </Button>
    </form>
  );
}
