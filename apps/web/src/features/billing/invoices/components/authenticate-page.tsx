import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { ApiError, Page, errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../../lib/use-auth';
import { loadCardFields } from '../../../../lib/card-fields';
import { paths } from '../../../../config/paths';
import { useCompleteAuthentication, useInvoice, useStartAuthentication } from '../api/invoice-authentication';

type Phase = 'idle' | 'starting' | 'challenging' | 'redirecting' | 'completing';

/** The PaymentIntent a 3-D Secure challenge came back with, read once and taken out of the address. */
function useReturnedPayment(): boolean {
  const [params, setParams] = useSearchParams();
  const [returned] = useState(() => params.has('payment_intent'));
  useEffect(() => {
    if (params.has('payment_intent') || params.has('payment_intent_client_secret')) {
      setParams({}, { replace: true });
    }
  }, [params, setParams]);
  return returned;
}

/**
 * Issue 17: a monthly charge came back "authentication required"; the owner was mailed a link
 * here. The page shows the invoice, lets the cardholder authenticate that very payment (3-D Secure:
 * Stripe.js's dialog, or the sandbox's challenge page and back), then asks our API, which asks the
 * provider, whether it is paid.
 */
export function AuthenticatePage() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation('invoices');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const invoice = useInvoice(id);
  const start = useStartAuthentication(id);
  const complete = useCompleteAuthentication(id);
  const returned = useReturnedPayment();
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<string | null>(null);
  const finishedReturn = useRef(false);
  const lang = i18n.language === 'en' ? 'en' : 'ja';
  const isOwner = user?.role === 'owner';

  const failure = (err: unknown) => {
    const code = err instanceof ApiError ? err.problem.code : null;
    if (code === 'PAYMENT_AUTHENTICATION_FAILED') return t('authenticate.failed');
    if (code === 'PAYMENT_AUTHENTICATION_INCOMPLETE') return t('authenticate.incomplete');
    return translate(tc, errorMessage(err));
  };

  const finish = () => {
    setPhase('completing');
    complete.mutate(undefined, {
      onSettled: () => setPhase('idle'),
      onError: (err) => setError(failure(err)),
    });
  };

  // Back from the issuer's challenge page: our API asks the provider.
  useEffect(() => {
    if (!returned || finishedReturn.current || !isOwner) return;
    finishedReturn.current = true;
    finish();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once, on coming back
  }, [returned, isOwner]);

  const onAuthenticate = () => {
    setError(null);
    setPhase('starting');
    start.mutate(undefined, {
      onError: (err) => {
        setError(failure(err));
        setPhase('idle');
      },
      onSuccess: async (answer) => {
        if (answer.status === 'succeeded') return finish();
        setPhase('challenging');
        try {
          const adapter = await loadCardFields(
            { adapter: answer.adapter, publishableKey: answer.publishableKey, url: null },
            lang,
          );
          const result = await adapter.authenticatePayment({
            clientSecret: answer.clientSecret,
            redirectUrl: answer.redirectUrl,
          });
          if (result.status === 'redirecting') setPhase('redirecting');
          else if (result.status === 'succeeded') finish();
          else {
            setError(t('authenticate.failed'));
            setPhase('idle');
          }
        } catch {
          setError(t('authenticate.unavailable'));
          setPhase('idle');
        }
      },
    });
  };

  const data = invoice.data;
  const paid = data?.status === 'paid';
  const month = data ? data.period.split('-').map(Number) : [];
  const busy = phase !== 'idle';
  return (
    <Page title={t('authenticate.title')} lead={t('authenticate.lead')} width="narrow">
      {invoice.isPending ? (
        <Spinner label={t('loading')} />
      ) : invoice.error ? (
        <Alert>{translate(tc, errorMessage(invoice.error))}</Alert>
      ) : data ? (
        <div className="grid">
          <Card title={t('authenticate.invoiceHeading')}>
            <dl className="details" data-testid="authenticate-invoice">
              <dt>{t('columns.number')}</dt>
              <dd>{data.number}</dd>
              <dt>{t('columns.period')}</dt>
              <dd>{t('period', { year: month[0], month: month[1] })}</dd>
              <dt>{t('columns.total')}</dt>
              <dd>¥{data.total.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP')}</dd>
              <dt>{t('columns.status')}</dt>
              <dd data-status={data.status}>{t(`status.${data.status}`)}</dd>
            </dl>
          </Card>
          {paid ? (
            <Alert tone="success" title={t('authenticate.paidTitle')}>
              {t('authenticate.paid')}
            </Alert>
          ) : !isOwner ? (
            <Alert tone="info">{t('authenticate.ownerOnly')}</Alert>
          ) : data.status !== 'action_required' ? (
            <Alert tone="info">{t('authenticate.notNeeded')}</Alert>
          ) : (
            <Card title={t('authenticate.actionHeading')}>
              <p>{t('authenticate.explain')}</p>
              {error ? <Alert>{error}</Alert> : null}
              {phase === 'redirecting' ? <Spinner label={t('authenticate.redirecting')} /> : null}
              {phase === 'completing' ? <Spinner label={t('authenticate.completing')} /> : null}
              <div>
                <Button onClick={onAuthenticate} isLoading={busy} disabled={busy}>
                  {error ? t('authenticate.retry') : t('authenticate.start')}
                </Button>
              </div>
              {error ? (
                <p>
                  <Link to={paths.card}>{t('authenticate.changeCard')}</Link>
                </p>
              ) : null}
            </Card>
          )}
          <p>
            <Link to={paths.billingInvoices}>{t('authenticate.backToList')}</Link>
          </p>
        </div>
      ) : null}
    </Page>
  );
}
