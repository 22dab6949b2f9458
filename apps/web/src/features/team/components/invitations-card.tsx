import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DataTable, Spinner, type Column } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import {
  useInvitations,
  useResendInvitation,
  useRevokeInvitation,
  type Invitation,
} from '../api/invitations';
import type { CustomerRole } from '../api/members';
import { useFormatDate } from './use-format-date';

export type InvitationsCardProps = {
  callerRole: CustomerRole;
};

type Notice = { tone: 'success' | 'error'; text: string };

/** Pending invitations: re-send (a new link, valid 7 days) or withdraw. */
export function InvitationsCard({ callerRole }: InvitationsCardProps) {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const format = useFormatDate();
  const query = useInvitations();
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const [notice, setNotice] = useState<Notice | null>(null);

  const fail = (error: unknown) => setNotice({ tone: 'error', text: translate(tc, errorMessage(error)) });
  // Whoever could send an invitation may re-send or withdraw it: members only members'.
  const mayManage = (inv: Invitation) => callerRole === 'owner' || inv.role === 'member';

  const onResend = (inv: Invitation) => {
    setNotice(null);
    resend.mutate(inv.id, {
      onSuccess: () => setNotice({ tone: 'success', text: t('invitations.resent', { email: inv.email }) }),
      onError: fail,
    });
  };
  const onRevoke = (inv: Invitation) => {
    setNotice(null);
    revoke.mutate(inv.id, {
      onSuccess: () => setNotice({ tone: 'success', text: t('invitations.revoked', { email: inv.email }) }),
      onError: fail,
    });
  };

  const columns: Column<Invitation>[] = [
    { key: 'email', kind: 'text', header: t('invitations.email'), cell: (inv) => inv.email },
    { key: 'role', kind: 'short', header: t('invitations.role'), cell: (inv) => t(`roles.${inv.role}`) },
    {
      key: 'invitedBy',
      kind: 'text',
      header: t('invitations.invitedBy'),
      cell: (inv) => inv.invitedByName ?? t('invitations.unknownInviter'),
    },
    {
      key: 'expires',
      kind: 'date',
      header: t('invitations.expires'),
      cell: (inv) => (
        <>
          {format.dateTime(inv.expiresAt)}{' '}
          {inv.expired ? <span className="badge">{t('invitations.expired')}</span> : null}
        </>
      ),
    },
    {
      key: 'actions',
      kind: 'control',
      header: t('invitations.actions'),
      cell: (inv) =>
        mayManage(inv) ? (
          <div className="team-actions">
            <Button
              variant="secondary"
              isLoading={resend.isPending && resend.variables === inv.id}
              onClick={() => onResend(inv)}
            >
              {t('invitations.resend')}
            </Button>
            <Button
              variant="ghost"
              isLoading={revoke.isPending && revoke.variables === inv.id}
              onClick={() => onRevoke(inv)}
            >
              {t('invitations.revoke')}
            </Button>
          </div>
        ) : null,
    },
  ];

  return (
    <Card title={t('invitations.heading')}>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {query.isPending ? (
        <Spinner label={t('loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : query.data.length === 0 ? (
        <p className="muted">{t('invitations.empty')}</p>
      ) : (
        <DataTable
          label={t('invitations.heading')}
          columns={columns}
          rows={query.data}
          rowKey={(inv) => inv.id}
        />
      )}
    </Card>
  );
}
