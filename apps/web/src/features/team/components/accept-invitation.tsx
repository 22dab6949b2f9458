import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { Alert, Button, Card, Spinner, TextField } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { paths } from '../../../config/paths';
import { errorMessage, mapProblemToForm, translate } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import {
  acceptInvitation,
  closedLinkOf,
  useInvitationPreview,
  type ClosedLink,
  type InvitationPreview,
} from '../api/accept-invitation';

const PASSWORD_MIN = 10;

function ClosedLinkPage({ kind }: { kind: ClosedLink }) {
  const { t } = useTranslation('team');
  return (
    <Page title={t(`accept.${kind}Title`)} lead={t(`accept.${kind}Body`)} width="narrow">
      {kind === 'used' ? (
        <p className="page__aside">
          <Link to={paths.logIn}>{t('accept.logInLink')}</Link>
        </p>
      ) : null}
    </Page>
  );
}

type Field = 'name' | 'password';

function AcceptForm({ token, preview }: { token: string; preview: InvitationPreview }) {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const api = useApi();
  const navigate = useNavigate();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [closed, setClosed] = useState<ClosedLink | null>(null);
  const [busy, setBusy] = useState(false);

  if (closed) return <ClosedLinkPage kind={closed} />;

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setFormError(null);
    const next: Partial<Record<Field, string>> = {};
    if (!name.trim()) next.name = t('accept.required');
    if (!password) next.password = t('accept.required');
    else if ([...password].length < PASSWORD_MIN) next.password = t('accept.passwordTooShort');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    setBusy(true);
    try {
      await acceptInvitation(api, token, { name: name.trim(), password });
      void navigate(paths.home, { replace: true });
    } catch (error) {
      setBusy(false);
      const link = closedLinkOf(error);
      if (link) return setClosed(link);
      const mapped = mapProblemToForm(error, ['name', 'password'] as const);
      setErrors({
        name: mapped.fields.name ? translate(tc, mapped.fields.name) : undefined,
        password: mapped.fields.password ? translate(tc, mapped.fields.password) : undefined,
      });
      setFormError(mapped.form ? translate(tc, mapped.form) : translate(tc, errorMessage(error)));
    }
  };

  const role = t(`roles.${preview.role}`);
  return (
    <Page
      title={t('accept.title')}
      lead={t('accept.lead', { account: preview.accountName, role })}
      width="narrow"
    >
      <Card>
        {preview.invitedByName ? (
          <p className="muted">{t('accept.invitedBy', { name: preview.invitedByName })}</p>
        ) : null}
        <form className="form" noValidate onSubmit={(e) => void onSubmit(e)} aria-label={t('accept.title')}>
          {formError ? <Alert>{formError}</Alert> : null}
          <dl className="details">
            <dt>{t('accept.email')}</dt>
            <dd>{preview.email}</dd>
          </dl>
          <TextField
            label={t('accept.name')}
            name="name"
            value={name}
            onChange={setName}
            autoComplete="name"
            required
            error={errors.name}
          />
          <TextField
            label={t('accept.password')}
            name="password"
            type="password"
            value={password}
            onChange={setPassword}
            autoComplete="new-password"
            required
            hint={t('accept.passwordHint')}
            error={errors.password}
          />
          <Button type="submit" isLoading={busy}>
            {busy ? t('accept.submitting') : t('accept.submit')}
          </Button>
        </form>
      </Card>
    </Page>
  );
}

export type AcceptInvitationProps = {
  /** The `token` of the mailed link; null when the link has none. */
  token: string | null;
};

/** The mailed invitation link: who invites you and as what, then your name and a password. */
export function AcceptInvitation({ token }: AcceptInvitationProps) {
  if (!token) return <ClosedLinkPage kind="invalid" />;
  return <WithToken token={token} />;
}

function WithToken({ token }: { token: string }) {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const query = useInvitationPreview(token);
  if (query.isPending) {
    return (
      <Page title={t('accept.title')} width="narrow">
        <Spinner label={t('accept.loading')} />
      </Page>
    );
  }
  if (query.isError) {
    const link = closedLinkOf(query.error);
    if (link) return <ClosedLinkPage kind={link} />;
    return (
      <Page title={t('accept.failedTitle')} width="narrow">
        <div className="form">
          <Alert>{translate(tc, errorMessage(query.error))}</Alert>
          <Button onClick={() => void query.refetch()}>{t('accept.retry')}</Button>
        </div>
      </Page>
    );
  }
  return <AcceptForm token={token} preview={query.data} />;
}
