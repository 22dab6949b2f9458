import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import {
  useIssuedNumbers,
  useSimulateCall,
  useSimulatorStatus,
  type SimulateCallResult,
} from '../api/simulator';

/** What became of the simulated call, in words: what the caller heard and why. */
function SimulatedOutcome({ result }: { result: SimulateCallResult }) {
  const { t } = useTranslation('calls');
  const why =
    result.outcome === 'out_of_hours' && result.closedReason
      ? t(`simulator.closed.${result.closedReason}`)
      : result.outcome === 'queued'
        ? result.operatorsAvailable > 0
          ? t('simulator.operatorsAvailable', { count: result.operatorsAvailable })
          : t('simulator.noOperator')
        : null;
  return (
    <div data-testid="simulator-answer" role="status">
      <p>
        <strong>{t(`simulator.outcome.${result.outcome}`)}</strong>
        {result.alwaysOpen ? <> {t('simulator.alwaysOpen')}</> : null}
      </p>
      {why ? <p>{why}</p> : null}
      {result.heard.length > 0 ? (
        <>
          <p className="muted">{t('simulator.heard')}</p>
          <ol className="simulator__heard">
            {result.heard.map((text, i) => (
              <li key={i}>「{text}」</li>
            ))}
          </ol>
        </>
      ) : null}
      <details>
        <summary>{t('simulator.technical')}</summary>
        <p className="muted">
          {t('simulator.answer', { status: result.httpStatus, callSid: result.callSid })}
        </p>
        {result.body ? <pre className="twiml">{result.body}</pre> : null}
      </details>
    </div>
  );
}

/**
 * Development and demos: rings one of our issued numbers (through the Twilio fake as a real call,
 * or our signed webhook), hangs it up, and says in words what the caller heard and why. Shown
 * only when the API has it switched on (never in production).
 */
export function SimulatorPanel() {
  const { t } = useTranslation('calls');
  const { t: tc } = useTranslation();
  const status = useSimulatorStatus();
  const enabled = status.data?.enabled === true;
  const numbers = useIssuedNumbers(enabled);
  const simulate = useSimulateCall();
  const [to, setTo] = useState('');
  const [from, setFrom] = useState('090-1234-5678');
  const [last, setLast] = useState<{ ring: SimulateCallResult; to: string } | null>(null);
  const [answer, setAnswer] = useState<SimulateCallResult | null>(null);
  if (!enabled) return null;
  const chosen = to || numbers.data?.[0]?.display || '';

  const ring = (event: FormEvent) => {
    event.preventDefault();
    simulate.mutate(
      { action: 'ring', to: chosen, from: from.trim() || 'anonymous' },
      {
        onSuccess: (result) => {
          setLast({ ring: result, to: chosen });
          setAnswer(result);
        },
      },
    );
  };
  const hangUp = () => {
    if (!last) return;
    simulate.mutate(
      { action: 'hangup', to: last.to, callSid: last.ring.callSid },
      {
        onSuccess: (result) => {
          setAnswer(result);
          setLast(null);
        },
      },
    );
  };

  return (
    <Card>
      <section aria-labelledby="simulator-title">
        <h2 id="simulator-title" className="card__title">
          {t('simulator.title')}
        </h2>
        <p className="muted">{t('simulator.lead')}</p>
        <form className="form" onSubmit={ring}>
          <div className="field">
            <label className="field__label" htmlFor="simulator-to">
              {t('simulator.to')}
            </label>
            <select
              id="simulator-to"
              className="field__input"
              value={chosen}
              onChange={(event) => setTo(event.target.value)}
            >
              {(numbers.data ?? []).map((n) => (
                <option key={n.id} value={n.display}>
                  {n.display}
                </option>
              ))}
            </select>
          </div>
          <TextField
            label={t('simulator.from')}
            name="from"
            value={from}
            onChange={setFrom}
            hint={t('simulator.fromHint')}
          />
          {simulate.isError ? <Alert>{translate(tc, errorMessage(simulate.error))}</Alert> : null}
          <Button type="submit" isLoading={simulate.isPending} disabled={!chosen}>
            {t('simulator.ring')}
          </Button>
          {last ? (
            <Button variant="secondary" onClick={hangUp} disabled={simulate.isPending}>
              {t('simulator.hangUp')}
            </Button>
          ) : null}
        </form>
        {answer ? <SimulatedOutcome result={answer} /> : null}
        {status.data?.phoneUrl ? (
          <p className="muted">
            {t('simulator.phone')}{' '}
            <a href={status.data.phoneUrl} target="_blank" rel="noreferrer">
              {t('simulator.phoneLink')}
            </a>
          </p>
        ) : null}
      </section>
    </Card>
  );
}
