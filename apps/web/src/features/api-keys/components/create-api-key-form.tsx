import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import { mapProblemToForm, translate } from '@bc/app-shell';
import { useCreateApiKey, type CreatedApiKey } from '../api/api-keys';

const NAME_MAX = 100;

export type CreateApiKeyFormProps = {
  onCreated: (created: CreatedApiKey) => void;
};

export function CreateApiKeyForm({ onCreated }: CreateApiKeyFormProps) {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const value = name.trim();
    if (!value) return setNameError(t('apiKeys.create.required'));
    if (value.length > NAME_MAX) return setNameError(t('apiKeys.create.tooLong'));
    setNameError(null);
    create.mutate(value, {
      onSuccess: (created) => {
        setName('');
        onCreated(created);
      },
      onError: (error) => {
        const mapped = mapProblemToForm(error, ['name'] as const);
        setNameError(mapped.fields.name ? translate(tc, mapped.fields.name) : null);
        setFormError(mapped.form ? translate(tc, mapped.form) : null);
      },
    });
  };

  return (
    <Card title={t('apiKeys.create.heading')}>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('apiKeys.create.heading')}>
        {formError ? <Alert>{formError}</Alert> : null}
        <TextField
          label={t('apiKeys.create.name')}
          name="name"
          value={name}
          onChange={setName}
          autoComplete="off"
          required
          hint={t('apiKeys.create.nameHint')}
          error={nameError}
        />
        <Button type="submit" isLoading={create.isPending}>
          {create.isPending ? t('apiKeys.create.submitting') : t('apiKeys.create.submit')}
        </Button>
      </form>
    </Card>
  );
}
