import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { ENDPOINT_KINDS, useEndpoints, type CreatedEndpoint } from '../api/webhook-endpoints';
import { AddEndpointForm } from './add-endpoint-form';
import { EndpointItem } from './endpoint-item';
import { ShownSecret } from './shown-secret';
import './integrations.css';

/** 外部連携 (R6.3): webhooks, Slack and Teams by kind. Owners manage them; members read. */
export function IntegrationsPage() {
  const { t } = useTranslation('integrations');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const canManage = user?.role === 'owner';
  const query = useEndpoints();
  const [secret, setSecret] = useState<{ secret: string; name: string } | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const onCreated = (created: CreatedEndpoint) => {
    setNotice(t('add.added'));
    if (created.secret) setSecret({ secret: created.secret, name: created.description || created.url });
  };
  const onSecret = (created: CreatedEndpoint) => {
    setNotice(null);
    if (created.secret) setSecret({ secret: created.secret, name: created.description || created.url });
  };

  return (
    <Page title={t('title')} lead={t('lead')}>
      <div className="grid">
        {canManage ? null : <Alert tone="info">{t('ownerOnly')}</Alert>}
        {notice ? <Alert tone="success">{notice}</Alert> : null}
        {canManage ? (
          secret ? (
            <ShownSecret secret={secret.secret} name={secret.name} onDone={() => setSecret(null)} />
          ) : (
            <AddEndpointForm onCreated={onCreated} />
          )
        ) : null}
        {query.isPending ? (
          <Spinner label={t('loading')} />
        ) : query.isError ? (
          <Alert>{translate(tc, errorMessage(query.error))}</Alert>
        ) : query.data.length === 0 ? (
          <Card title={t('list.heading')}>
            <p className="muted">{t('list.empty')}</p>
          </Card>
        ) : (
          ENDPOINT_KINDS.map((kind) => {
            const items = query.data.filter((e) => e.kind === kind);
            if (items.length === 0) return null;
            return (
              <Card key={kind} title={t(`kinds.${kind}`)}>
                <ul className="integrations-kind" aria-label={t(`kinds.${kind}`)}>
                  {items.map((endpoint) => (
                    <EndpointItem
                      key={endpoint.id}
                      endpoint={endpoint}
                      canManage={canManage}
                      onSecret={onSecret}
                      onDeleted={setNotice}
                    />
                  ))}
                </ul>
              </Card>
            );
          })
        )}
      </div>
    </Page>
  );
}
