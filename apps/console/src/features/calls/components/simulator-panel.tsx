import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, TextField } from '@bc/ui';
import { errorMessage, translate } from '../../../lib/problem';
import {
  useIssuedNumbers,
  useSimulateCall,
  useSimulatorStatus,
  type SimulateCallResult,
} from '../api/simulator';

/**
 * Development and demos: rings one of our issued numbers through the real, signed webhook
 * (POST /admin/telephony/simulate), and hangs it up. Shown only when the API has it switched on.
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
        {answer ? (
          <div data-testid="simulator-answer">
            <p className="muted">
              {t('simulator.answer', { status: answer.httpStatus, callSid: answer.callSid })}
            </p>
            {answer.body ? <pre className="twiml">{answer.body}</pre> : null}
          </div>
        ) : null}
      </section>
    </Card>
  );
}
