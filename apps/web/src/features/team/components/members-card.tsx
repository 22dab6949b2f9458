import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
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

  return (
    <Card title={t('members.heading')}>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {query.isPending ? (
        <Spinner label={t('loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : (
        <div className="team-table-wrap">
          <table className="team-table" aria-label={t('members.heading')}>
            <thead>
              <tr>
                <th scope="col">{t('members.name')}</th>
                <th scope="col">{t('members.email')}</th>
                <th scope="col">{t('members.role')}</th>
                <th scope="col">{t('members.since')}</th>
                <th scope="col">{t('members.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => {
                const lastOwner = isLastOwner(member);
                const canRemove = !lastOwner && (callerRole === 'owner' || member.isYou);
                const canChangeRole = !lastOwner && callerRole === 'owner';
                return (
                  <tr key={member.id} data-testid={`member-${member.id}`}>
                    <td>
                      {member.name} {member.isYou ? <span className="muted">{t('members.you')}</span> : null}
                    </td>
                    <td>{member.email}</td>
                    <td>{t(`roles.${member.role}`)}</td>
                    <td>{format.date(member.since)}</td>
                    <td>
                      {lastOwner ? (
                        <span className="muted">{t('members.lastOwner')}</span>
                      ) : (
                        <div className="team-actions">
                          {canChangeRole ? (
                            <Button
                              variant="secondary"
                              isLoading={changeRole.isPending && changeRole.variables?.memberId === member.id}
                              onClick={() =>
                                onChangeRole(member, member.role === 'owner' ? 'member' : 'owner')
                              }
                            >
                              {member.role === 'owner' ? t('members.makeMember') : t('members.makeOwner')}
                            </Button>
                          ) : null}
                          {canRemove && confirming !== member.id ? (
                            <Button variant="ghost" onClick={() => setConfirming(member.id)}>
                              {member.isYou ? t('members.leave') : t('members.remove')}
                            </Button>
                          ) : null}
                        </div>
                      )}
                      {confirming === member.id ? (
                        <div className="team-confirm" role="group" aria-label={t('members.remove')}>
                          <p>
                            {member.isYou
                              ? t('members.confirmLeave')
                              : t('members.confirmRemove', { name: member.name })}
                          </p>
                          <div className="team-actions">
                            <Button isLoading={remove.isPending} onClick={() => onRemove(member)}>
                              {member.isYou
                                ? t('members.confirmLeaveButton')
                                : t('members.confirmRemoveButton')}
                            </Button>
                            <Button variant="ghost" onClick={() => setConfirming(null)}>
                              {t('members.cancel')}
                            </Button>
                          </div>
                        </div>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted">{t('roleHelp')}</p>
    </Card>
  );
}
