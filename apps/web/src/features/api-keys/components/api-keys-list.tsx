import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useApiKeys, useRevokeApiKey, type ApiKey } from '../api/api-keys';
import { useFormatDateTime } from './use-format-date';

type Notice = { tone: 'success' | 'error'; text: string };

/** Every key of the account (revoked ones greyed), with its prefix only; revoking asks first. */
export function ApiKeysList() {
  const { t } = useTranslation('team');
  const { t: tc } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const query = useApiKeys();
  const revoke = useRevokeApiKey();
  const [confirming, setConfirming] = useState<string | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const onRevoke = (key: ApiKey) => {
    setNotice(null);
    revoke.mutate(key.id, {
      onSuccess: () => setNotice({ tone: 'success', text: t('apiKeys.list.revoked', { name: key.name }) }),
      onError: (error) => setNotice({ tone: 'error', text: translate(tc, errorMessage(error)) }),
      onSettled: () => setConfirming(null),
    });
  };

  return (
    <Card title={t('apiKeys.list.heading')}>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {query.isPending ? (
        <Spinner label={t('apiKeys.loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : query.data.length === 0 ? (
        <p className="muted">{t('apiKeys.list.empty')}</p>
      ) : (
        <div className="api-keys-table-wrap">
          <table className="api-keys-table" aria-label={t('apiKeys.list.heading')}>
            <thead>
              <tr>
                <th scope="col">{t('apiKeys.list.name')}</th>
                <th scope="col">{t('apiKeys.list.prefix')}</th>
                <th scope="col">{t('apiKeys.list.createdBy')}</th>
                <th scope="col">{t('apiKeys.list.createdAt')}</th>
                <th scope="col">{t('apiKeys.list.lastUsedAt')}</th>
                <th scope="col">{t('apiKeys.list.revokedAt')}</th>
                <th scope="col">{t('apiKeys.list.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {query.data.map((key) => (
                <tr key={key.id} className={key.revokedAt ? 'api-keys-revoked' : undefined}>
                  <td>{key.name}</td>
                  <td>
                    <code>{key.prefix}_…</code>
                  </td>
                  <td>{key.createdByName ?? t('apiKeys.list.unknownCreator')}</td>
                  <td>{formatDateTime(key.createdAt)}</td>
                  <td>{key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('apiKeys.list.never')}</td>
                  <td>{key.revokedAt ? formatDateTime(key.revokedAt) : t('apiKeys.list.active')}</td>
                  <td>
                    {key.revokedAt ? null : confirming === key.id ? (
                      <div role="group" aria-label={t('apiKeys.list.revoke')}>
                        <p>{t('apiKeys.list.confirmRevoke', { name: key.name })}</p>
                        <div className="api-keys-actions">
                          <Button isLoading={revoke.isPending} onClick={() => onRevoke(key)}>
                            {t('apiKeys.list.confirmRevokeButton')}
                          </Button>
                          <Button variant="ghost" onClick={() => setConfirming(null)}>
                            {t('apiKeys.list.cancel')}
                          </Button>
                        </div>
                      </div>
                    ) : (
                      <Button variant="ghost" onClick={() => setConfirming(key.id)}>
                        {t('apiKeys.list.revoke')}
                      </Button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}
