import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import { mapProblemToForm, translate, type Message } from '@bc/app-shell';
import type { AccountDetails } from '../api/get-account-details';
import { useUpdateAccountDetails, type UpdateAccountDetailsInput } from '../api/update-account-details';

const FIELDS = ['name', 'companyName', 'contactPhone', 'postalCode', 'address', 'notificationEmail'] as const;
type Field = (typeof FIELDS)[number];
type Values = Record<Field, string>;
type FieldErrors = Partial<Record<Field, string>>;

const NAME_MAX = 100;
const COMPANY_MAX = 200;
const ADDRESS_MAX = 200;
const EMAIL_MAX = 254;
/** A light check before sending; the API has the last word. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const POSTAL_CODE = /^\d{3}-?\d{4}$/;
/** Field codes the API sends for this form that have their own message in the account namespace. */
const ACCOUNT_FIELD_CODES = ['PHONE_NUMBER_INVALID', 'COMPANY_NAME_NOT_ALLOWED', 'MATCHES'] as const;

const valuesOf = (details: AccountDetails): Values => ({
  name: details.name,
  companyName: details.companyName ?? '',
  contactPhone: details.contactPhone ?? '',
  postalCode: details.postalCode ?? '',
  address: details.address ?? '',
  notificationEmail: details.notificationEmail ?? '',
});

const orNull = (value: string): string | null => (value.trim() === '' ? null : value.trim());

export type AccountDetailsFormProps = {
  details: AccountDetails;
};

/**
 * R1.7: name, company name (corporations), contact phone, postal code, address, and the e-mail
 * address inquiry notifications go to (empty: the owner's log-in address).
 */
export function AccountDetailsForm({ details }: AccountDetailsFormProps) {
  const { t } = useTranslation('account');
  const { t: tc } = useTranslation();
  const update = useUpdateAccountDetails();
  const corporation = details.type === 'corporation';
  const [values, setValues] = useState<Values>(() => valuesOf(details));
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);

  const setField = (field: Field) => (value: string) => setValues((v) => ({ ...v, [field]: value }));

  const fieldMessage = (message: Message): string => {
    // The API's field codes come first as errors.fields.CODE: put our own messages before them.
    const code = /^errors\.fields\.(.+)$/.exec(message.keys[0] ?? '')?.[1];
    const own = ACCOUNT_FIELD_CODES.find((c) => c === code);
    return own ? t(`fieldErrors.${own}`) : translate(tc, message);
  };

  const validate = (input: Values): FieldErrors => {
    const errors: FieldErrors = {};
    const name = input.name.trim();
    if (!name) errors.name = t('fieldErrors.required');
    else if (name.length > NAME_MAX) errors.name = t('fieldErrors.tooLong', { max: NAME_MAX });
    if (corporation) {
      const company = input.companyName.trim();
      if (!company) errors.companyName = t('fieldErrors.required');
      else if (company.length > COMPANY_MAX)
        errors.companyName = t('fieldErrors.tooLong', { max: COMPANY_MAX });
    }
    const postal = input.postalCode.trim();
    if (postal && !POSTAL_CODE.test(postal)) errors.postalCode = t('fieldErrors.MATCHES');
    if (input.address.trim().length > ADDRESS_MAX)
      errors.address = t('fieldErrors.tooLong', { max: ADDRESS_MAX });
    const email = input.notificationEmail.trim();
    if (email.length > EMAIL_MAX) errors.notificationEmail = t('fieldErrors.tooLong', { max: EMAIL_MAX });
    else if (email && !EMAIL.test(email)) errors.notificationEmail = t('fieldErrors.email');
    return errors;
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    setFormError(null);
    const errors = validate(values);
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const input: UpdateAccountDetailsInput = {
      name: values.name.trim(),
      ...(corporation ? { companyName: values.companyName.trim() } : {}),
      contactPhone: orNull(values.contactPhone),
      postalCode: orNull(values.postalCode),
      address: orNull(values.address),
      notificationEmail: orNull(values.notificationEmail),
    };
    update.mutate(input, {
      onSuccess: (next) => {
        setValues(valuesOf(next));
        setSaved(true);
      },
      onError: (error) => {
        const mapped = mapProblemToForm(error, FIELDS);
        const next: FieldErrors = {};
        for (const field of FIELDS) {
          const message = mapped.fields[field];
          if (message) next[field] = fieldMessage(message);
        }
        setFieldErrors(next);
        setFormError(mapped.form ? translate(tc, mapped.form) : null);
      },
    });
  };

  return (
    <Card title={t('form.heading')}>
      <p className="muted">{t('form.lead')}</p>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('form.heading')}>
        {formError ? <Alert>{formError}</Alert> : null}
        {saved ? <Alert tone="success">{t('form.saved')}</Alert> : null}
        <TextField
          label={corporation ? t('fields.contactName') : t('fields.name')}
          name="name"
          value={values.name}
          onChange={setField('name')}
          autoComplete="name"
          required
          error={fieldErrors.name}
        />
        {corporation ? (
          <TextField
            label={t('fields.companyName')}
            name="companyName"
            value={values.companyName}
            onChange={setField('companyName')}
            autoComplete="organization"
            required
            error={fieldErrors.companyName}
          />
        ) : null}
        <TextField
          label={t('fields.contactPhone')}
          name="contactPhone"
          value={values.contactPhone}
          onChange={setField('contactPhone')}
          autoComplete="tel-national"
          hint={t('hints.contactPhone')}
          error={fieldErrors.contactPhone}
        />
        <TextField
          label={t('fields.postalCode')}
          name="postalCode"
          value={values.postalCode}
          onChange={setField('postalCode')}
          autoComplete="postal-code"
          hint={t('hints.postalCode')}
          error={fieldErrors.postalCode}
        />
        <TextField
          label={t('fields.address')}
          name="address"
          value={values.address}
          onChange={setField('address')}
          autoComplete="street-address"
          hint={t('hints.address')}
          error={fieldErrors.address}
        />
        <TextField
          label={t('fields.notificationEmail')}
          name="notificationEmail"
          type="email"
          value={values.notificationEmail}
          onChange={setField('notificationEmail')}
          autoComplete="email"
          hint={t('hints.notificationEmail')}
          error={fieldErrors.notificationEmail}
        />
        <Button type="submit" isLoading={update.isPending}>
          {update.isPending ? t('form.submitting') : t('form.submit')}
        </Button>
      </form>
    </Card>
  );
}
