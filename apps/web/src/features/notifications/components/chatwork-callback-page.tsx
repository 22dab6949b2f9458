import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { Alert, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { paths } from '../../../config/paths';
import { errorMessage, translate } from '@bc/app-shell';
import { useCompleteChatworkLink } from '../api/chatwork';
import { ChatworkRoomPicker } from './chatwork-room-picker';

/**
 * R6.2: Chatwork sends the browser back here with `code` and `state` (or `error=access_denied`).
 * The pair goes to the API once; then the room picker and 「更新する」.
 */
export function ChatworkCallbackPage() {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const complete = useCompleteChatworkLink();
  const sent = useRef(false);
  const code = params.get('code');
  const state = params.get('state');
  const denied = params.get('error');

  useEffect(() => {
    if (sent.current || !code || !state || denied) return;
    sent.current = true;
    complete.mutate({ code, state });
  }, [code, state, denied, complete]);

  const back = <Link to={paths.notifications}>{t('chatwork.backToSettings')}</Link>;
  return (
    <Page title={t('chatwork.heading')}>
      <Card title={t('chatwork.callbackHeading')}>
        {denied || !code || !state ? (
          <>
            <Alert>{denied === 'access_denied' ? t('chatwork.denied') : t('chatwork.callbackInvalid')}</Alert>
            <p>{back}</p>
          </>
        ) : complete.isError ? (
          <>
            <Alert>{translate(tc, errorMessage(complete.error))}</Alert>
            <p>{back}</p>
          </>
        ) : complete.isSuccess ? (
          <>
            <Alert tone="success">{t('chatwork.linked', { name: complete.data.chatworkName ?? '' })}</Alert>
            <ChatworkRoomPicker
              current={complete.data.roomId}
              onSaved={() => void navigate(paths.notifications)}
            />
            <p>{back}</p>
          </>
        ) : (
          <Spinner label={t('chatwork.linking')} />
        )}
      </Card>
    </Page>
  );
}
