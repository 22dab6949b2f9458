import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DataTable, Dialog, Spinner, type Column } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useLogOut } from '@bc/app-shell';
import {
  useChangeMemberRole,
  useMembers,
  useRemoveMember,
  type CustomerRole,
  type TeamMember,
} from '../api/members';
import { useFormatDate } from './use-format-date';

export type MembersCardProps = {
  callerRole: CustomerRole;
};

type Notice = { tone: 'success' | 'error'; text: string };

/**
 * The account's members. Owners change roles and remove anyone; anyone may leave. The last owner
 * offers neither (the API refuses it too, 409 LAST_OWNER). Removal asks for confirmation first.
 */
export function MembersCard({ callerRole }: MembersCardProps) {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const format = useFormatDate();
  const query = useMembers();
  const changeRole = useChangeMemberRole();
  const remove = useRemoveMember();
  const logOut = useLogOut();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const members = query.data ?? [];
  const ownerCount = members.filter((m) => m.role === 'owner').length;
  const isLastOwner = (m: TeamMember) => m.role === 'owner' && ownerCount <= 1;
  const fail = (error: unknown) => setNotice({ tone: 'error', text: translate(tc, errorMessage(error)) });

  const onChangeRole = (member: TeamMember, role: CustomerRole) => {
    setNotice(null);
    changeRole.mutate(
      { memberId: member.id, role },
      {
        onSuccess: () =>
          setNotice({
            tone: 'success',
            text: t('members.roleChanged', { name: member.name, role: t(`roles.${role}`) }),
          }),
        onError: fail,
      },
    );
  };

  const onRemove = (member: TeamMember) => {
    setNotice(null);
    remove.mutate(member.id, {
      onSuccess: () => {
        setConfirming(null);
        if (member.isYou) logOut.mutate();
        else setNotice({ tone: 'success', text: t('members.removed', { name: member.name }) });
      },
      onError: (error) => {
        setConfirming(null);
        fail(error);
      },
    });
  };

  const columns: Column<TeamMember>[] = [
    {
      key: 'name',
      kind: 'text',
      header: t('members.name'),
      cell: (member) => (
        <>
          {member.name} {member.isYou ? <span className="muted">{t('members.you')}</span> : null}
        </>
      ),
    },
    { key: 'email', kind: 'text', header: t('members.email'), cell: (member) => member.email },
    { key: 'role', kind: 'short', header: t('members.role'), cell: (member) => t(`roles.${member.role}`) },
    { key: 'since', kind: 'date', header: t('members.since'), cell: (member) => format.date(member.since) },
    {
      key: 'actions',
      kind: 'control',
      header: t('members.actions'),
      cell: (member) => {
        if (isLastOwner(member)) return <span className="muted">{t('members.lastOwner')}</span>;
        const canRemove = callerRole === 'owner' || member.isYou;
        return (
          <div className="team-actions">
            {callerRole === 'owner' ? (
              <Button
                variant="secondary"
                isLoading={changeRole.isPending && changeRole.variables?.memberId === member.id}
                onClick={() => onChangeRole(member, member.role === 'owner' ? 'member' : 'owner')}
              >
                {member.role === 'owner' ? t('members.makeMember') : t('members.makeOwner')}
              </Button>
            ) : null}
            {canRemove ? (
              <Button variant="ghost" onClick={() => setConfirming(member.id)}>
                {member.isYou ? t('members.leave') : t('members.remove')}
              </Button>
            ) : null}
          </div>
        );
      },
    },
  ];
  const confirmed = members.find((member) => member.id === confirming) ?? null;

  return (
    <Card title={t('members.heading')}>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <Dialog
        open={confirmed !== null}
        onClose={() => setConfirming(null)}
        title={confirmed?.isYou ? t('members.leave') : t('members.remove')}
        actions={
          confirmed ? (
            <>
              <Button variant="secondary" onClick={() => setConfirming(null)}>
                {t('members.cancel')}
              </Button>
              <Button isLoading={remove.isPending} onClick={() => onRemove(confirmed)}>
                {confirmed.isYou ? t('members.confirmLeaveButton') : t('members.confirmRemoveButton')}
              </Button>
            </>
          ) : null
        }
      >
        {confirmed ? (
          <p>
            {confirmed.isYou
              ? t('members.confirmLeave')
              : t('members.confirmRemove', { name: confirmed.name })}
          </p>
        ) : null}
      </Dialog>
      {query.isPending ? (
        <Spinner label={t('loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : (
        <DataTable
          label={t('members.heading')}
          columns={columns}
          rows={members}
          rowKey={(member) => member.id}
          rowTestId={(member) => `member-${member.id}`}
        />
      )}
      <p className="muted">{t('roleHelp')}</p>
    </Card>
  );
}
