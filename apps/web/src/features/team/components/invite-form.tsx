import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import { RadioGroup } from '@bc/ui';
import { mapProblemToForm, translate } from '@bc/app-shell';
import { useInviteMember } from '../api/invitations';
import type { CustomerRole } from '../api/members';

export type InviteFormProps = {
  callerRole: CustomerRole;
};

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Invite by e-mail as owner or member; a member is offered "member" only (the API enforces it too). */
export function InviteForm({ callerRole }: InviteFormProps) {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const invite = useInviteMember();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<CustomerRole>('member');
  const [emailError, setEmailError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);

  const roleOptions =
    callerRole === 'owner'
      ? ([
          { value: 'member', label: t('roles.member') },
          { value: 'owner', label: t('roles.owner') },
        ] as const)
      : ([{ value: 'member', label: t('roles.member') }] as const);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSentTo(null);
    setFormError(null);
    const address = email.trim();
    if (!address) return setEmailError(t('invite.required'));
    if (!EMAIL.test(address)) return setEmailError(t('invite.invalidEmail'));
    setEmailError(null);
    invite.mutate(
      { email: address, role: callerRole === 'owner' ? role : 'member' },
      {
        onSuccess: (invitation) => {
          setSentTo(invitation.email);
          setEmail('');
          setRole('member');
        },
        onError: (error) => {
          const mapped = mapProblemToForm(error, ['email'] as const);
          setEmailError(mapped.fields.email ? translate(tc, mapped.fields.email) : null);
          setFormError(mapped.form ? translate(tc, mapped.form) : null);
        },
      },
    );
  };

  return (
    <Card title={t('invite.heading')}>
      <p className="muted">{t('invite.lead')}</p>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('invite.heading')}>
        {formError ? <Alert>{formError}</Alert> : null}
        {sentTo ? <Alert tone="success">{t('invite.sent', { email: sentTo })}</Alert> : null}
        <TextField
          label={t('invite.email')}
          name="email"
          type="email"
          value={email}
          onChange={setEmail}
          autoComplete="off"
          required
          error={emailError}
        />
        {callerRole === 'owner' ? (
          <RadioGroup
            legend={t('invite.role')}
            name="role"
            value={role}
            options={roleOptions}
            onChange={setRole}
          />
        ) : (
          <p className="muted">{t('invite.memberOnly')}</p>
        )}
        <Button type="submit" isLoading={invite.isPending}>
          {invite.isPending ? t('invite.submitting') : t('invite.submit')}
        </Button>
      </form>
    </Card>
  );
}
