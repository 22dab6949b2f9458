import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useChatworkRooms, useChooseChatworkRoom } from '../api/chatwork';

/** R6.2: pick the room (チャットルーム) to notify, then 「更新する」. Read-only rooms cannot be chosen. */
export function ChatworkRoomPicker({ current, onSaved }: { current: string | null; onSaved?: () => void }) {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const rooms = useChatworkRooms();
  const choose = useChooseChatworkRoom();
  const [roomId, setRoomId] = useState(current ?? '');

  if (rooms.isPending) return <Spinner label={tc('app.loading')} />;
  if (rooms.isError) return <Alert>{translate(tc, errorMessage(rooms.error))}</Alert>;
  return (
    <form
      data-testid="chatwork-room-picker"
      onSubmit={(e) => {
        e.preventDefault();
        if (roomId) choose.mutate(roomId, { onSuccess: () => onSaved?.() });
      }}
    >
      <label htmlFor="chatwork-room">{t('chatwork.room')}</label>
      <select id="chatwork-room" value={roomId} onChange={(e) => setRoomId(e.target.value)}>
        <option value="">{t('chatwork.chooseRoom')}</option>
        {rooms.data.map((room) => (
          <option key={room.roomId} value={room.roomId} disabled={!room.canPost}>
            {room.canPost ? room.name : t('chatwork.readOnlyRoom', { name: room.name })}
          </option>
        ))}
      </select>
      {choose.isError ? <Alert>{translate(tc, errorMessage(choose.error))}</Alert> : null}
      {choose.isSuccess ? <Alert tone="success">{t('chatwork.saved')}</Alert> : null}
      <p>
        <Button type="submit" disabled={!roomId} isLoading={choose.isPending}>
          {t('chatwork.update')}
        </Button>
      </p>
    </form>
  );
}
