import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '../../../components/ui/page';
import { errorMessage, translate } from '../../../lib/problem';
import { useAuth } from '../../../lib/use-auth';
import { useClaimCall, useOpenScreenPop, type ScreenPop } from '../api/claim-call';
import { useLiveCalls, type CallEvent, type OperatorCall } from '../api/get-calls';
import { useCallStream } from '../hooks/use-call-stream';
import { useNow } from '../hooks/use-now';
import { CALLS_PATHS } from '../paths';
import { elapsedSeconds, formatElapsed } from './format';
import { ScreenPopPanel } from './screen-pop-panel';
import { SimulatorPanel } from './simulator-panel';

type CallRowProps = {
  call: OperatorCall;
  now: number;
  action: ReactNode;
};

function CallRow({ call, now, action }: CallRowProps) {
  const { t } = useTranslation('calls');
  return (
    <tr data-testid={`call-${call.id}`}>
      <td>{call.customerName ?? t('pop.unknownCustomer')}</td>
      <td>{call.toDisplay}</td>
      <td>{call.fromDisplay ?? t('queue.anonymous')}</td>
      <td>
        <span className="elapsed" aria-label={t('queue.elapsed')}>
          {formatElapsed(elapsedSeconds(call.startedAt, now))}
        </span>
      </td>
      <td>{action}</td>
    </tr>
  );
}

/** 着信: the live queue (pushed, not polled), claiming a call and its screen pop (R3.4). */
export function CallsPage() {
  const { t } = useTranslation('calls');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const calls = useLiveCalls();
  const claim = useClaimCall();
  const openPop = useOpenScreenPop();
  const [pop, setPop] = useState<ScreenPop | null>(null);
  const [endedIds, setEndedIds] = useState<ReadonlySet<string>>(new Set());
  const [problem, setProblem] = useState<string | null>(null);
  const [recorded, setRecorded] = useState<string | null>(null);
  const status = useCallStream(user?.id ?? null, (event: CallEvent) => {
    if (event.type === 'call.ended') setEndedIds((ids) => new Set(ids).add(event.call.id));
  });
  const now = useNow();

  const onClaim = (call: OperatorCall) => {
    setProblem(null);
    setRecorded(null);
    claim.mutate(call.id, {
      onSuccess: (screenPop) => setPop(screenPop),
      onError: (error) => setProblem(translate(tc, errorMessage(error))),
    });
  };
  const onOpen = (call: OperatorCall) => {
    setProblem(null);
    setRecorded(null);
    openPop.mutate(call.id, {
      onSuccess: (screenPop) => setPop(screenPop),
      onError: (error) => setProblem(translate(tc, errorMessage(error))),
    });
  };

  const waiting = calls.data?.waiting ?? [];
  const mine = calls.data?.mine ?? [];
  return (
    <Page title={t('page.title')} lead={t('page.lead')}>
      <p className="muted" role="status" data-testid="stream-status">
        {t(`stream.${status}`)} · <Link to={CALLS_PATHS.schedule}>{t('schedule.link')}</Link>
      </p>
      {problem ? <Alert>{problem}</Alert> : null}
      {recorded ? <Alert tone="success">{recorded}</Alert> : null}
      {pop ? (
        <ScreenPopPanel
          pop={pop}
          ended={endedIds.has(pop.call.id)}
          onClose={() => setPop(null)}
          onRecorded={(inquiry) => {
            setPop(null);
            setRecorded(t('form.saved', { name: inquiry.callerName }));
          }}
        />
      ) : null}
      <Card>
        <h2 className="card__title">{t('queue.title', { count: waiting.length })}</h2>
        {calls.isPending ? (
          <Spinner label={t('queue.loading')} />
        ) : calls.isError ? (
          <Alert>{translate(tc, errorMessage(calls.error))}</Alert>
        ) : waiting.length === 0 ? (
          <p className="muted">{t('queue.empty')}</p>
        ) : (
          <table data-testid="waiting-calls">
            <thead>
              <tr>
                <th scope="col">{t('queue.customer')}</th>
                <th scope="col">{t('queue.numberCalled')}</th>
                <th scope="col">{t('queue.caller')}</th>
                <th scope="col">{t('queue.elapsed')}</th>
                <th scope="col">{t('queue.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {waiting.map((call) => (
                <CallRow
                  key={call.id}
                  call={call}
                  now={now}
                  action={
                    <Button
                      onClick={() => onClaim(call)}
                      isLoading={claim.isPending && claim.variables === call.id}
                      disabled={claim.isPending}
                    >
                      {t('queue.claim')}
                    </Button>
                  }
                />
              ))}
            </tbody>
          </table>
        )}
      </Card>
      {mine.length > 0 ? (
        <Card>
          <h2 className="card__title">{t('mine.title')}</h2>
          <table data-testid="my-calls">
            <thead>
              <tr>
                <th scope="col">{t('queue.customer')}</th>
                <th scope="col">{t('queue.numberCalled')}</th>
                <th scope="col">{t('queue.caller')}</th>
                <th scope="col">{t('queue.elapsed')}</th>
                <th scope="col">{t('queue.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {mine.map((call) => (
                <CallRow
                  key={call.id}
                  call={call}
                  now={now}
                  action={
                    <Button variant="secondary" onClick={() => onOpen(call)}>
                      {t('mine.open')}
                    </Button>
                  }
                />
              ))}
            </tbody>
          </table>
        </Card>
      ) : null}
      <SimulatorPanel />
    </Page>
  );
}
