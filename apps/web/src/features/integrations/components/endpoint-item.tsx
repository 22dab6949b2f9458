import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useFormatDateTime } from './use-format-date';
import {
  useDeleteEndpoint,
  useRotateSecret,
  useTestEndpoint,
  useUpdateEndpoint,
  type CreatedEndpoint,
  type Endpoint,
} from '../api/webhook-endpoints';
import { eventKey } from './add-endpoint-form';

type Notice = { tone: 'success' | 'error' | 'info'; text: string };

export type EndpointItemProps = {
  endpoint: Endpoint;
  canManage: boolean;
  onSecret: (created: CreatedEndpoint) => void;
  onDeleted: (text: string) => void;
};

/** One endpoint: its URL, state and events; owners test, pause / enable, renew the secret, delete. */
export function EndpointItem({ endpoint, canManage, onSecret, onDeleted }: EndpointItemProps) {
  const { t } = useTranslation('integrations');
  const { t: tc } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const update = useUpdateEndpoint();
  const remove = useDeleteEndpoint();
  const rotate = useRotateSecret();
  const test = useTestEndpoint();
  const [confirming, setConfirming] = useState<'delete' | 'rotate' | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const name = endpoint.description || endpoint.url;
  const fail = (error: unknown) => setNotice({ tone: 'error', text: translate(tc, errorMessage(error)) });

  const onTest = () => {
    setNotice(null);
    test.mutate(endpoint.id, {
      onSuccess: (r) =>
        setNotice(
          r.ok
            ? { tone: 'success', text: t('list.testOk', { status: r.status, ms: r.durationMs }) }
            : { tone: 'error', text: t('list.testRejected', { status: r.status, ms: r.durationMs }) },
        ),
      onError: fail,
    });
  };

  const onToggle = () => {
    setNotice(null);
    const enabled = !endpoint.enabled;
    update.mutate(
      { id: endpoint.id, body: { enabled } },
      {
        onSuccess: () =>
          setNotice({
            tone: 'success',
            text: t(enabled ? 'list.enabledNotice' : 'list.disabledNotice', { name }),
          }),
        onError: fail,
      },
    );
  };

  const onRotate = () => {
    setNotice(null);
    rotate.mutate(endpoint.id, { onSuccess: onSecret, onError: fail, onSettled: () => setConfirming(null) });
  };

  const onDelete = () => {
    setNotice(null);
    remove.mutate(endpoint.id, {
      onSuccess: () => onDeleted(t('list.deleted', { name })),
      onError: fail,
      onSettled: () => setConfirming(null),
    });
  };

  return (
    <li
      className={`integrations-endpoint${endpoint.enabled ? '' : ' integrations-endpoint--disabled'}`}
      aria-label={name}
    >
      <div>
        {endpoint.description ? <strong>{endpoint.description}</strong> : null}{' '}
        <span className="integrations-meta">{endpoint.enabled ? t('list.enabled') : t('list.disabled')}</span>
      </div>
      <div className="integrations-url">{endpoint.url}</div>
      {endpoint.kind === 'webhook' ? (
        <div className="integrations-meta">
          {t('list.eventsLabel')}：{endpoint.events.map((e) => t(eventKey(e))).join('、')}
        </div>
      ) : null}
      <div className="integrations-meta">
        {t('list.createdAt', { date: formatDateTime(endpoint.createdAt) })}
        {endpoint.secretRotatedAt
          ? ` ・ ${t('list.rotatedAt', { date: formatDateTime(endpoint.secretRotatedAt) })}`
          : null}
        {endpoint.consecutiveFailures > 0
          ? ` ・ ${t('list.failures', { n: endpoint.consecutiveFailures })}`
          : null}
      </div>
      {endpoint.disabledReason ? (
        <Alert tone="info">{t('list.disabledByPlatform', { reason: endpoint.disabledReason })}</Alert>
      ) : null}
      {notice ? <Alert tone={notice.tone}>{notice.text}</Alert> : null}
      {canManage ? (
        confirming ? (
          <div role="group" aria-label={confirming === 'delete' ? t('list.delete') : t('list.rotate')}>
            <p>{confirming === 'delete' ? t('list.confirmDelete', { name }) : t('list.confirmRotate')}</p>
            <div className="integrations-actions">
              {confirming === 'delete' ? (
                <Button isLoading={remove.isPending} onClick={onDelete}>
                  {t('list.confirmDeleteButton')}
                </Button>
              ) : (
                <Button isLoading={rotate.isPending} onClick={onRotate}>
                  {t('list.confirmRotateButton')}
                </Button>
              )}
              <Button variant="ghost" onClick={() => setConfirming(null)}>
                {t('list.cancel')}
              </Button>
            </div>
          </div>
        ) : (
          <div className="integrations-actions">
            <Button variant="secondary" isLoading={test.isPending} onClick={onTest}>
              {test.isPending ? t('list.testing') : t('list.test')}
            </Button>
            <Button variant="ghost" isLoading={update.isPending} onClick={onToggle}>
              {endpoint.enabled ? t('list.disable') : t('list.enable')}
            </Button>
            {endpoint.kind === 'webhook' ? (
              <Button variant="ghost" onClick={() => setConfirming('rotate')}>
                {t('list.rotate')}
              </Button>
            ) : null}
            <Button variant="ghost" onClick={() => setConfirming('delete')}>
              {t('list.delete')}
            </Button>
          </div>
        )
      ) : null}
    </li>
  );
}
