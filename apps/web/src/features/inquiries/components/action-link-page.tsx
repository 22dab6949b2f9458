import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { paths } from '../../../config/paths';
import { errorMessage, translate } from '@bc/app-shell';
import { useApi } from '@bc/app-shell';
import {
  linkProblemOf,
  previewActionLink,
  spendActionLink,
  type ActionLinkInquiry,
} from '../api/action-link';
import { CallbackMark, UrgentBadge } from './inquiry-badges';
import { useFormatDateTime } from './use-format-date';

type State =
  | { kind: 'loading' }
  | { kind: 'ready'; inquiry: ActionLinkInquiry }
  | { kind: 'saving'; inquiry: ActionLinkInquiry }
  | { kind: 'done'; inquiry: ActionLinkInquiry; changed: boolean }
  | { kind: 'refused'; reason: 'used' | 'expired' | 'invalid' }
  | { kind: 'failed'; error: unknown; inquiry: ActionLinkInquiry | null };

/**
 * R8.4: the page behind a notification's "mark handled" link. Public (no log-in): it shows the
 * call and one button. Opening it changes nothing, because mail scanners open links on their own.
 */
export function ActionLinkPage() {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const api = useApi();
  const { hash } = useLocation();
  const token = decodeURIComponent(hash.replace(/^#/, '')).trim();
  const formatDateTime = useFormatDateTime();
  // A link without a token is refused at once, without asking the API.
  const [state, setState] = useState<State>(() =>
    token ? { kind: 'loading' } : { kind: 'refused', reason: 'invalid' },
  );

  useEffect(() => {
    if (!token) return;
    let live = true;
    previewActionLink(api.client, token).then(
      (inquiry) => live && setState({ kind: 'ready', inquiry }),
      (error) => {
        if (!live) return;
        const reason = linkProblemOf(error);
        setState(reason ? { kind: 'refused', reason } : { kind: 'failed', error, inquiry: null });
      },
    );
    return () => {
      live = false;
    };
  }, [api, token]);

  const markHandled = async (inquiry: ActionLinkInquiry) => {
    setState({ kind: 'saving', inquiry });
    try {
      const result = await spendActionLink(api.client, token);
      setState({ kind: 'done', inquiry: result, changed: result.changed });
    } catch (error) {
      const reason = linkProblemOf(error);
      setState(reason ? { kind: 'refused', reason } : { kind: 'failed', error, inquiry });
    }
  };

  if (state.kind === 'loading') {
    return (
      <Page title={t('actionLink.title')} width="narrow">
        <Spinner label={tc('app.loading')} />
      </Page>
    );
  }
  if (state.kind === 'refused') {
    return (
      <Page
        title={t(`actionLink.${state.reason}Title`)}
        lead={t(`actionLink.${state.reason}Body`)}
        width="narrow"
      >
        <p className="page__aside">
          <Link to={paths.inquiries}>{t('actionLink.openList')}</Link>
        </p>
      </Page>
    );
  }
  const inquiry = state.inquiry;
  return (
    <Page title={t('actionLink.title')} lead={t('actionLink.lead')} width="narrow">
      {inquiry && (
        <Card>
          <dl className="details">
            <dt>{t('actionLink.receivedAt')}</dt>
            <dd>{formatDateTime(inquiry.receivedAt)}</dd>
            <dt>{t('actionLink.caller')}</dt>
            <dd>
              {inquiry.callerCompany ? `${inquiry.callerCompany} ` : ''}
              {inquiry.callerName} {inquiry.urgent && <UrgentBadge />}
            </dd>
            <dt>{t('actionLink.callback')}</dt>
            <dd>
              <CallbackMark required={inquiry.callbackRequired} />
            </dd>
          </dl>
        </Card>
      )}
      {state.kind === 'failed' && <Alert>{translate(tc, errorMessage(state.error))}</Alert>}
      {state.kind === 'done' ? (
        <Alert tone="success">{state.changed ? t('actionLink.done') : t('actionLink.alreadyHandled')}</Alert>
      ) : inquiry?.status === 'handled' ? (
        <Alert tone="success">{t('actionLink.alreadyHandled')}</Alert>
      ) : (
        inquiry && (
          <div className="form">
            <Button onClick={() => void markHandled(inquiry)} disabled={state.kind === 'saving'}>
              {state.kind === 'saving' ? t('actionLink.saving') : t('actionLink.markHandled')}
            </Button>
            <p className="page__aside">
              {t('actionLink.expires', { when: formatDateTime(inquiry.expiresAt) })}
            </p>
          </div>
        )
      )}
      <p className="page__aside">
        <Link to={`${paths.inquiries}/${inquiry?.inquiryId ?? ''}`}>{t('actionLink.openInApp')}</Link>
      </p>
    </Page>
  );
}
