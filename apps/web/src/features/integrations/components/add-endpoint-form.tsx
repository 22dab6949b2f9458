import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import {
  ENDPOINT_KINDS,
  EVENT_TYPES,
  useCreateEndpoint,
  type CreatedEndpoint,
  type EndpointKind,
  type EventType,
} from '../api/webhook-endpoints';
import { endpointFormErrors } from './url-error';

const URL_MAX = 2048;
const DESCRIPTION_MAX = 200;

export const eventKey = (event: EventType) => `events.${event.replace('.', '_')}` as 'events.inquiry_created';

export type AddEndpointFormProps = {
  onCreated: (created: CreatedEndpoint) => void;
};

/** Kind, URL, description, and for webhooks the events to send. */
export function AddEndpointForm({ onCreated }: AddEndpointFormProps) {
  const { t } = useTranslation('integrations');
  const { t: tc } = useTranslation();
  const id = useId();
  const create = useCreateEndpoint();
  const [kind, setKind] = useState<EndpointKind>('webhook');
  const [url, setUrl] = useState('');
  const [description, setDescription] = useState('');
  const [events, setEvents] = useState<EventType[]>(['inquiry.created']);
  const [errors, setErrors] = useState<{
    url?: string | null;
    description?: string | null;
    events?: string | null;
  }>({});
  const [formError, setFormError] = useState<string | null>(null);

  const toggle = (event: EventType, on: boolean) =>
    setEvents((current) =>
      on ? EVENT_TYPES.filter((e) => e === event || current.includes(e)) : current.filter((e) => e !== event),
    );

  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    setFormError(null);
    const next = {
      url: !url.trim()
        ? t('add.urlRequired')
        : url.trim().length > URL_MAX
          ? t('add.tooLong', { max: URL_MAX })
          : null,
      description:
        description.trim().length > DESCRIPTION_MAX ? t('add.tooLong', { max: DESCRIPTION_MAX }) : null,
      events: kind === 'webhook' && events.length === 0 ? t('add.eventsRequired') : null,
    };
    setErrors(next);
    if (next.url || next.description || next.events) return;
    create.mutate(
      {
        kind,
        url: url.trim(),
        ...(description.trim() ? { description: description.trim() } : {}),
        ...(kind === 'webhook' ? { events } : {}),
      },
      {
        onSuccess: (created) => {
          setUrl('');
          setDescription('');
          onCreated(created);
        },
        onError: (error) => {
          const mapped = endpointFormErrors(error, t, tc);
          setErrors({ url: mapped.url });
          setFormError(mapped.form);
        },
      },
    );
  };

  return (
    <Card title={t('add.heading')}>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('add.heading')}>
        {formError ? <Alert>{formError}</Alert> : null}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-kind`}>
            {t('add.kind')}
          </label>
          <select
            id={`${id}-kind`}
            className="field__input"
            value={kind}
            onChange={(e) => setKind(e.target.value as EndpointKind)}
          >
            {ENDPOINT_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`kinds.${k}`)}
              </option>
            ))}
          </select>
          <p className="field__hint">{t(`kindLeads.${kind}`)}</p>
        </div>
        <TextField
          label={t('add.url')}
          name="url"
          value={url}
          onChange={setUrl}
          autoComplete="off"
          required
          hint={t(`add.urlHints.${kind}`)}
          error={errors.url}
        />
        <TextField
          label={t('add.description')}
          name="description"
          value={description}
          onChange={setDescription}
          autoComplete="off"
          hint={t('add.descriptionHint')}
          error={errors.description}
        />
        {kind === 'webhook' ? (
          <fieldset className={`field integrations-events${errors.events ? ' field--invalid' : ''}`}>
            <legend className="field__label">{t('add.events')}</legend>
            {EVENT_TYPES.map((event) => (
              <label key={event}>
                <input
                  type="checkbox"
                  checked={events.includes(event)}
                  onChange={(e) => toggle(event, e.target.checked)}
                />{' '}
                {t(eventKey(event))}
              </label>
            ))}
            {errors.events ? <p className="field__error">{errors.events}</p> : null}
          </fieldset>
        ) : null}
        <Button type="submit" isLoading={create.isPending}>
          {create.isPending ? t('add.submitting') : t('add.submit')}
        </Button>
      </form>
    </Card>
  );
}
