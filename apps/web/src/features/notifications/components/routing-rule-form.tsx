import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, TextField } from '@bc/ui';
import { mapProblemToForm, translate } from '@bc/app-shell';
import { INQUIRY_CATEGORIES, type InquiryCategory } from '@bc/domain';
import type { NotificationEmail } from '../api/notification-emails';
import {
  useSaveRoutingRule,
  type RoutingRule,
  type RoutingRuleInput,
  type RoutingRules,
} from '../api/routing-rules';

export const CHANNELS = ['email', 'chatwork', 'webhook', 'slack', 'teams'] as const;
type Channel = (typeof CHANNELS)[number];
type Category = InquiryCategory;
type TriState = 'any' | 'yes' | 'no';

const FIELDS = ['name', 'forWhomContains', 'categories', 'channels', 'emailAddressIds', 'memberIds'] as const;

const toTri = (v: boolean | null): TriState => (v === null ? 'any' : v ? 'yes' : 'no');
const fromTri = (v: TriState): boolean | null => (v === 'any' ? null : v === 'yes');
const toggle = <T,>(list: T[], value: T, on: boolean): T[] =>
  on ? [...list.filter((x) => x !== value), value] : list.filter((x) => x !== value);

export type RoutingRuleFormProps = {
  /** The rule being edited; null for a new one. */
  rule: RoutingRule | null;
  members: RoutingRules['members'];
  addresses: NotificationEmail[];
  onDone: () => void;
};

/** R8.3: the owner's form for one rule: conditions, then channels and e-mail recipients. */
export function RoutingRuleForm({ rule, members, addresses, onDone }: RoutingRuleFormProps) {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const save = useSaveRoutingRule();
  const [name, setName] = useState(rule?.name ?? '');
  const [forWhom, setForWhom] = useState(rule?.forWhomContains ?? '');
  const [callback, setCallback] = useState<TriState>(toTri(rule?.callbackRequired ?? null));
  const [urgent, setUrgent] = useState<TriState>(toTri(rule?.urgent ?? null));
  const [categories, setCategories] = useState<Category[]>((rule?.categories ?? []) as Category[]);
  const [channels, setChannels] = useState<Channel[]>((rule?.channels ?? ['email']) as Channel[]);
  // only ids that still exist can be kept (a removed address or member drops out)
  const [addressIds, setAddressIds] = useState<string[]>(
    (rule?.emailAddressIds ?? []).filter((id) => addresses.some((a) => a.id === id)),
  );
  const [memberIds, setMemberIds] = useState<string[]>(
    (rule?.memberIds ?? []).filter((id) => members.some((m) => m.id === id)),
  );

  const errors = save.isError ? mapProblemToForm(save.error, FIELDS) : null;
  const fieldError = (f: (typeof FIELDS)[number]) =>
    errors?.fields[f] ? translate(tc, errors.fields[f]) : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const input: RoutingRuleInput = {
      name: name.trim(),
      forWhomContains: forWhom.trim() || null,
      callbackRequired: fromTri(callback),
      urgent: fromTri(urgent),
      categories,
      channels,
      emailAddressIds: channels.includes('email') ? addressIds : [],
      memberIds: channels.includes('email') ? memberIds : [],
    };
    save.mutate({ id: rule?.id ?? null, input }, { onSuccess: onDone });
  };

  const tri = (label: string, value: TriState, set: (v: TriState) => void, id: string) => (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => set(e.target.value as TriState)}>
        <option value="any">{t('rules.any')}</option>
        <option value="yes">{t('rules.yes')}</option>
        <option value="no">{t('rules.no')}</option>
      </select>
    </div>
  );

  return (
    <form className="form" onSubmit={submit} noValidate data-testid="routing-rule-form">
      <TextField
        label={t('rules.name')}
        name="name"
        value={name}
        onChange={setName}
        required
        error={fieldError('name')}
      />
      <fieldset>
        <legend>{t('rules.conditions')}</legend>
        <TextField
          label={t('rules.forWhom')}
          name="forWhomContains"
          value={forWhom}
          onChange={setForWhom}
          error={fieldError('forWhomContains')}
        />
        {tri(t('rules.callback'), callback, setCallback, `rule-callback-${rule?.id ?? 'new'}`)}
        {tri(t('rules.urgent'), urgent, setUrgent, `rule-urgent-${rule?.id ?? 'new'}`)}
        <fieldset>
          <legend>{t('rules.categories')}</legend>
          {INQUIRY_CATEGORIES.map((c) => (
            <label key={c} className="checkbox">
              <input
                type="checkbox"
                checked={categories.includes(c)}
                onChange={(e) => setCategories(toggle(categories, c, e.target.checked))}
              />{' '}
              {t(`rules.category.${c}`)}
            </label>
          ))}
          {fieldError('categories') ? <p className="field__error">{fieldError('categories')}</p> : null}
        </fieldset>
      </fieldset>
      <fieldset>
        <legend>{t('rules.result')}</legend>
        <fieldset>
          <legend>{t('rules.channels')}</legend>
          {CHANNELS.map((c) => (
            <label key={c} className="checkbox">
              <input
                type="checkbox"
                checked={channels.includes(c)}
                onChange={(e) => setChannels(toggle(channels, c, e.target.checked))}
              />{' '}
              {t(`rules.channel.${c}`)}
            </label>
          ))}
          {fieldError('channels') ? <p className="field__error">{fieldError('channels')}</p> : null}
        </fieldset>
        {channels.includes('email') ? (
          <fieldset>
            <legend>{t('rules.recipients')}</legend>
            {addresses.length > 0 ? <p className="muted">{t('rules.addresses')}</p> : null}
            {addresses.map((a) => (
              <label key={a.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={addressIds.includes(a.id)}
                  onChange={(e) => setAddressIds(toggle(addressIds, a.id, e.target.checked))}
                />{' '}
                {a.status === 'confirmed' ? a.email : t('rules.pendingAddress', { email: a.email })}
              </label>
            ))}
            {fieldError('emailAddressIds') ? (
              <p className="field__error">{fieldError('emailAddressIds')}</p>
            ) : null}
            <p className="muted">{t('rules.members')}</p>
            {members.map((m) => (
              <label key={m.id} className="checkbox">
                <input
                  type="checkbox"
                  checked={memberIds.includes(m.id)}
                  onChange={(e) => setMemberIds(toggle(memberIds, m.id, e.target.checked))}
                />{' '}
                {`${m.name} <${m.email}>`}
              </label>
            ))}
            {fieldError('memberIds') ? <p className="field__error">{fieldError('memberIds')}</p> : null}
          </fieldset>
        ) : null}
      </fieldset>
      {errors?.form && Object.keys(errors.fields).length === 0 ? (
        <Alert>{translate(tc, errors.form)}</Alert>
      ) : null}
      <p>
        <Button type="submit" isLoading={save.isPending}>
          {t('rules.save')}
        </Button>{' '}
        <Button variant="ghost" onClick={onDone}>
          {t('rules.cancel')}
        </Button>
      </p>
    </form>
  );
}
