import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useChatworkLink, useStartChatworkLink, useUnlinkChatwork } from '../api/chatwork';
import { ChatworkRoomPicker } from './chatwork-room-picker';

/**
 * R6.2 on the notifications page: link Chatwork (owners), who is linked and the room, a broken
 * link with its reason, and 「連携解除」 after a confirmation. Members only see the status.
 */
export function ChatworkCard() {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const isOwner = user?.role === 'owner';
  const link = useChatworkLink();
  const start = useStartChatworkLink();
  const unlink = useUnlinkChatwork();
  const [confirming, setConfirming] = useState(false);
  const [changingRoom, setChangingRoom] = useState(false);

  return (
    <Card title={t('chatwork.heading')}>
      <div data-testid="chatwork-card">
        <p>{t('chatwork.lead')}</p>
        {link.isPending ? (
          <Spinner label={tc('app.loading')} />
        ) : link.isError ? (
          <Alert>{translate(tc, errorMessage(link.error))}</Alert>
        ) : !link.data.linked ? (
          <>
            <p className="muted">{t('chatwork.notLinked')}</p>
            {isOwner ? (
              <p>
                <Button isLoading={start.isPending || start.isSuccess} onClick={() => start.mutate()}>
                  {t('chatwork.setUp')}
                </Button>
              </p>
            ) : (
              <p className="muted">{t('chatwork.ownerOnly')}</p>
            )}
            {start.isError ? <Alert>{translate(tc, errorMessage(start.error))}</Alert> : null}
            <p className="muted">{t('chatwork.organisationNote')}</p>
          </>
        ) : (
          <>
            {link.data.status === 'broken' ? (
              <Alert title={t('chatwork.brokenTitle')}>
                {t('chatwork.broken', { reason: link.data.brokenReason ?? '' })}
              </Alert>
            ) : null}
            <dl className="details">
              <dt>{t('chatwork.linkedUser')}</dt>
              <dd data-testid="chatwork-user">{link.data.chatworkName}</dd>
              <dt>{t('chatwork.room')}</dt>
              <dd data-testid="chatwork-room-name">
                {link.data.roomName ?? <span className="muted">{t('chatwork.noRoom')}</span>}
              </dd>
            </dl>
            {isOwner && link.data.status === 'linked' ? (
              changingRoom || !link.data.roomId ? (
                <ChatworkRoomPicker current={link.data.roomId} onSaved={() => setChangingRoom(false)} />
              ) : (
                <p>
                  <Button variant="secondary" onClick={() => setChangingRoom(true)}>
                    {t('chatwork.changeRoom')}
                  </Button>
                </p>
              )
            ) : null}
            {isOwner ? (
              confirming ? (
                <div role="group" aria-label={t('chatwork.unlink')}>
                  <p>{t('chatwork.confirmUnlink', { name: link.data.chatworkName ?? '' })}</p>
                  <Button
                    isLoading={unlink.isPending}
                    onClick={() => unlink.mutate(undefined, { onSuccess: () => setConfirming(false) })}
                  >
                    {t('chatwork.confirmUnlinkButton')}
                  </Button>{' '}
                  <Button variant="ghost" onClick={() => setConfirming(false)}>
                    {t('chatwork.cancel')}
                  </Button>
                </div>
              ) : (
                <p>
                  <Button variant="ghost" onClick={() => setConfirming(true)}>
                    {t('chatwork.unlink')}
                  </Button>
                </p>
              )
            ) : null}
            {unlink.isError ? <Alert>{translate(tc, errorMessage(unlink.error))}</Alert> : null}
            <p className="muted">{t('chatwork.relinkNote')}</p>
          </>
        )}
      </div>
    </Card>
  );
}
