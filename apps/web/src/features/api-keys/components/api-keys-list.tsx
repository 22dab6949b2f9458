import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DataTable, Dialog, Spinner, type Column } from '@bc/ui';
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

  const columns: Column<ApiKey>[] = [
    { key: 'name', kind: 'text', header: t('apiKeys.list.name'), cell: (key) => key.name },
    {
      key: 'prefix',
      kind: 'short',
      header: t('apiKeys.list.prefix'),
      cell: (key) => <code>{key.prefix}_…</code>,
    },
    {
      key: 'createdBy',
      kind: 'text',
      header: t('apiKeys.list.createdBy'),
      cell: (key) => key.createdByName ?? t('apiKeys.list.unknownCreator'),
    },
    {
      key: 'createdAt',
      kind: 'date',
      header: t('apiKeys.list.createdAt'),
      cell: (key) => formatDateTime(key.createdAt),
    },
    {
      key: 'lastUsedAt',
      kind: 'date',
      header: t('apiKeys.list.lastUsedAt'),
      cell: (key) => (key.lastUsedAt ? formatDateTime(key.lastUsedAt) : t('apiKeys.list.never')),
    },
    {
      key: 'revokedAt',
      kind: 'date',
      header: t('apiKeys.list.revokedAt'),
      cell: (key) => (key.revokedAt ? formatDateTime(key.revokedAt) : t('apiKeys.list.active')),
    },
    {
      key: 'actions',
      kind: 'control',
      header: t('apiKeys.list.actions'),
      cell: (key) =>
        key.revokedAt ? null : (
          <Button variant="ghost" onClick={() => setConfirming(key.id)}>
            {t('apiKeys.list.revoke')}
          </Button>
        ),
    },
  ];
  const confirmed = query.data?.find((key) => key.id === confirming) ?? null;

  return (
    <Card title={t('apiKeys.list.heading')}>
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      <Dialog
        open={confirmed !== null}
        onClose={() => setConfirming(null)}
        title={t('apiKeys.list.revoke')}
        actions={
          confirmed ? (
            <>
              <Button variant="secondary" onClick={() => setConfirming(null)}>
                {t('apiKeys.list.cancel')}
              </Button>
              <Button isLoading={revoke.isPending} onClick={() => onRevoke(confirmed)}>
                {t('apiKeys.list.confirmRevokeButton')}
              </Button>
            </>
          ) : null
        }
      >
        {confirmed ? <p>{t('apiKeys.list.confirmRevoke', { name: confirmed.name })}</p> : null}
      </Dialog>
      {query.isPending ? (
        <Spinner label={t('apiKeys.loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : query.data.length === 0 ? (
        <p className="muted">{t('apiKeys.list.empty')}</p>
      ) : (
        <DataTable
          label={t('apiKeys.list.heading')}
          columns={columns}
          rows={query.data}
          rowKey={(key) => key.id}
          rowClassName={(key) => (key.revokedAt ? 'api-keys-revoked' : undefined)}
        />
      )}
    </Card>
  );
}
