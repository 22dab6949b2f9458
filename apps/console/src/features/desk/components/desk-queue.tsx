import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import type { OperatorCall } from '../../../lib/live-calls/get-calls';
import { elapsedSeconds, formatElapsed } from '../../../lib/live-calls/format';
import { useAssignCall, useDeskOperators } from '../api/desk';

/** VIP callers first, then the longest waiting (the order the API offers them in). */
export function queueOrder(calls: readonly OperatorCall[]): OperatorCall[] {
  return [...calls].sort((a, b) => Number(b.vip) - Number(a.vip) || a.startedAt.localeCompare(b.startedAt));
}

type AssignFormProps = { call: OperatorCall; onDone: (message: string | null) => void };

/** Admins: offer this waiting call to an available operator of their choice. */
function AssignForm({ call, onDone }: AssignFormProps) {
  const { t } = useTranslation('calls');
  const { t: tc } = useTranslation();
  const operators = useDeskOperators(true);
  const assign = useAssignCall();
  const [chosen, setChosen] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const available = (operators.data ?? []).filter((o) => o.status === 'available' && o.connected);
  const selectId = `assign-${call.id}`;
  const nameOf = (name: string | null) => name ?? t('desk.queue.unnamed');
  const submit = () => {
    const operator = available.find((o) => o.userId === (chosen || available[0]?.userId));
    if (!operator) return;
    setProblem(null);
    assign.mutate(
      { callId: call.id, operatorId: operator.userId },
      {
        onSuccess: () => onDone(t('desk.queue.assigned', { name: nameOf(operator.name) })),
        onError: (error) => setProblem(translate(tc, errorMessage(error))),
      },
    );
  };
  if (operators.isPending) return <Spinner label={t('desk.queue.loadingOperators')} />;
  if (operators.isError) return <Alert>{translate(tc, errorMessage(operators.error))}</Alert>;
  return (
    <div className="desk-assign" data-testid="assign-form">
      {problem ? <Alert>{problem}</Alert> : null}
      {available.length === 0 ? (
        <p className="muted">{t('desk.queue.noOperators')}</p>
      ) : (
        <>
          <label className="field__label" htmlFor={selectId}>
            {t('desk.queue.assignTo')}
          </label>
          <select
            id={selectId}
            className="field__input"
            value={chosen || available[0]!.userId}
            onChange={(e) => setChosen(e.target.value)}
          >
            {available.map((o) => (
              <option key={o.userId} value={o.userId}>
                {nameOf(o.name)}
              </option>
            ))}
          </select>
        </>
      )}
      <div className="desk-assign__actions">
        {available.length > 0 ? (
          <button
            type="button"
            className="button button--primary button--small"
            onClick={submit}
            disabled={assign.isPending}
            aria-busy={assign.isPending || undefined}
          >
            {t('desk.queue.assignConfirm')}
          </button>
        ) : null}
        <button type="button" className="button button--ghost button--small" onClick={() => onDone(null)}>
          {t('desk.queue.assignCancel')}
        </button>
      </div>
    </div>
  );
}

export type DeskQueueProps = {
  waiting: readonly OperatorCall[];
  now: number;
  isAdmin: boolean;
  onAssigned: (message: string) => void;
};

/** The calls waiting (compact): customer, caller, wait, VIP; admins can hand one to an operator. */
export function DeskQueue({ waiting, now, isAdmin, onAssigned }: DeskQueueProps) {
  const { t } = useTranslation('calls');
  const [assigning, setAssigning] = useState<string | null>(null);
  const calls = queueOrder(waiting);
  return (
    <section className="desk-side__section" aria-labelledby="desk-queue-title">
      <h2 id="desk-queue-title" className="desk-side__title">
        {t('desk.queue.title', { count: calls.length })}
      </h2>
      {calls.length === 0 ? (
        <p className="muted">{t('desk.queue.empty')}</p>
      ) : (
        <ul className="desk-queue" aria-label={t('desk.queue.label')} data-testid="waiting-calls">
          {calls.map((call) => (
            <li key={call.id} className="desk-queue__item" data-testid={`call-${call.id}`}>
              <div className="desk-queue__row">
                <span className="desk-queue__customer">
                  {call.vip ? <span className="badge badge--vip">{t('pop.vip')}</span> : null}{' '}
                  {call.customerName ?? t('pop.unknownCustomer')}
                </span>
                <span className="elapsed" aria-label={t('desk.queue.wait')}>
                  {formatElapsed(elapsedSeconds(call.startedAt, now))}
                </span>
              </div>
              <div className="desk-queue__row muted">
                <span>{call.fromDisplay ?? t('queue.anonymous')}</span>
                {call.state === 'offered' ? (
                  <span className="badge">{t('desk.queue.offered')}</span>
                ) : isAdmin && assigning !== call.id ? (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => setAssigning(call.id)}
                  >
                    {t('desk.queue.assign')}
                  </button>
                ) : null}
              </div>
              {isAdmin && assigning === call.id && call.state === 'waiting' ? (
                <AssignForm
                  call={call}
                  onDone={(message) => {
                    setAssigning(null);
                    if (message) onAssigned(message);
                  }}
                />
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
