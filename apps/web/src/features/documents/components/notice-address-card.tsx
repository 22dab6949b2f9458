import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import { mapProblemToForm, translate } from '@bc/app-shell';
import type { NoticeAddress } from '../api/get-documents';
import { useSaveNoticeAddress } from '../api/notice-address';
import { formatDateTime } from './format';

const POSTAL_CODE = /^\d{3}-?\d{4}$/;
const ADDRESS_MAX = 200;
const FIELDS = ['postalCode', 'address'] as const;
type Field = (typeof FIELDS)[number];

export type NoticeAddressCardProps = { notice: NoticeAddress; canEdit: boolean };

/** R1.4: where the notice of transaction terms is posted; the owner may give another address. */
export function NoticeAddressCard({ notice, canEdit }: NoticeAddressCardProps) {
  const { t, i18n } = useTranslation('documents');
  const { t: tc } = useTranslation();
  const save = useSaveNoticeAddress();
  const [postalCode, setPostalCode] = useState(notice.postalCode ?? '');
  const [address, setAddress] = useState(notice.address ?? '');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  const onError = (error: unknown) => {
    const mapped = mapProblemToForm(error, FIELDS);
    const next: Partial<Record<Field, string>> = {};
    for (const field of FIELDS) {
      const m = mapped.fields[field];
      if (m) next[field] = translate(tc, m);
    }
    setErrors(next);
    setFormError(mapped.form ? translate(tc, mapped.form) : null);
  };

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setMessage(null);
    setFormError(null);
    const next: Partial<Record<Field, string>> = {};
    if (!POSTAL_CODE.test(postalCode.trim())) next.postalCode = t('notice.postalCodeInvalid');
    if (!address.trim()) next.address = t('notice.addressRequired');
    else if (address.trim().length > ADDRESS_MAX) next.address = t('notice.addressTooLong');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    save.mutate(
      { postalCode: postalCode.trim(), address: address.trim() },
      {
        onSuccess: (saved) => {
          setPostalCode(saved.postalCode ?? '');
          setAddress(saved.address ?? '');
          setMessage(t('notice.saved'));
        },
        onError,
      },
    );
  };

  const onClear = () => {
    setMessage(null);
    setFormError(null);
    save.mutate(null, {
      onSuccess: () => {
        setPostalCode('');
        setAddress('');
        setErrors({});
        setMessage(t('notice.cleared'));
      },
      onError,
    });
  };

  return (
    <Card title={t('notice.heading')}>
      <p className="muted">{t('notice.lead')}</p>
      <p data-testid="notice-destination">
        {notice.usesDocumentAddress
          ? t('notice.documentAddress')
          : t('notice.otherAddress', { postalCode: notice.postalCode ?? '', address: notice.address ?? '' })}
      </p>
      {notice.postedAt ? (
        <Alert tone="success">
          {t('notice.posted', { date: formatDateTime(notice.postedAt, i18n.language) })}
        </Alert>
      ) : null}
      {canEdit ? (
        <form className="form" noValidate onSubmit={onSubmit} aria-label={t('notice.heading')}>
          {formError ? <Alert>{formError}</Alert> : null}
          {message ? <Alert tone="success">{message}</Alert> : null}
          <TextField
            label={t('notice.postalCode')}
            name="postalCode"
            value={postalCode}
            onChange={setPostalCode}
            autoComplete="postal-code"
            hint={t('notice.postalCodeHint')}
            error={errors.postalCode}
          />
          <TextField
            label={t('notice.address')}
            name="address"
            value={address}
            onChange={setAddress}
            autoComplete="street-address"
            hint={t('notice.addressHint')}
            error={errors.address}
          />
          <Button type="submit" isLoading={save.isPending}>
            {save.isPending ? t('notice.saving') : t('notice.save')}
          </Button>
          {!notice.usesDocumentAddress ? (
            <Button variant="secondary" onClick={onClear} disabled={save.isPending}>
              {t('notice.clear')}
            </Button>
          ) : null}
        </form>
      ) : (
        <Alert tone="info">{t('notice.ownerOnly')}</Alert>
      )}
    </Card>
  );
}
