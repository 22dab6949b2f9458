import { useTranslation } from 'react-i18next';
import { Alert, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import type { Wallboard, WallboardOperator, WallboardPeriod } from '../api/wallboard';
import { useNow } from '../hooks/use-now';
import { useWallboard, type ReceivedWallboard } from '../hooks/use-wallboard';
import { formatAverage, formatDuration, formatShare } from './format';
import './wallboard.css';

/**
 * ウォールボード (admins): the supervisors' wall screen, live over the wallboard stream. Big figures:
 * calls waiting and the longest wait, operators by state with time in state, and today's and the
 * last hour's answered / abandoned / average wait / average talk time / service level. Operators
 * are told it is for admins, and nothing is requested for them.
 */
export function WallboardPage() {
  const { t } = useTranslation('wallboard');
  const { user } = useAuth();
  if (user?.role !== 'admin') {
    return (
      <Page title={t('title')}>
        <Alert tone="info">{t('adminOnly')}</Alert>
      </Page>
    );
  }
  return <LiveWallboard />;
}

function LiveWallboard() {
  const { t } = useTranslation('wallboard');
  const { t: tc } = useTranslation();
  const { data, error, status } = useWallboard();
  const now = useNow(1000);
  return (
    <Page title={t('title')} lead={t('lead')}>
      <p
        className={`wallboard-status wallboard-status--${status}`}
        data-testid="wallboard-status"
        aria-live="polite"
      >
        {t(`stream.${status}`)}
        {data ? ` · ${t('updatedAt', { time: clock(data.board.serverTime) })}` : null}
      </p>
      {error && !data ? <Alert>{translate(tc, errorMessage(error))}</Alert> : null}
      {data ? (
        <WallboardView received={data} now={now} />
      ) : error ? null : (
        <Spinner label={tc('app.loading')} />
      )}
    </Page>
  );
}

const clock = (iso: string) =>
  new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(new Date(iso));

/** The figures of one board; times tick from when it was received (no clock skew with the server). */
export function WallboardView({ received, now }: { received: ReceivedWallboard; now: number }) {
  const { t } = useTranslation('wallboard');
  const { board, receivedAt } = received;
  const elapsed = Math.max(0, (now - receivedAt) / 1000);
  const longestWait = board.waitingCalls > 0 ? board.longestWaitSeconds + elapsed : 0;
  return (
    <div className="wallboard">
      <section className="wallboard__section" aria-labelledby="wb-queue">
        <h2 id="wb-queue" className="wallboard__heading">
          {t('queue.heading')}
        </h2>
        <div className="wallboard__tiles">
          <Tile
            label={t('queue.waiting')}
            value={String(board.waitingCalls)}
            testId="waiting-calls"
            tone={board.waitingCalls > 0 ? 'alert' : undefined}
          />
          <Tile
            label={t('queue.longestWait')}
            value={formatDuration(longestWait)}
            testId="longest-wait"
            tone={longestWait > board.serviceLevelTargetSeconds ? 'alert' : undefined}
          />
        </div>
      </section>

      <Operators board={board} elapsed={elapsed} />

      <div className="wallboard__periods">
        <Period
          heading={t('period.today')}
          period={board.today}
          target={board.serviceLevelTargetSeconds}
          id="today"
        />
        <Period
          heading={t('period.lastHour')}
          period={board.lastHour}
          target={board.serviceLevelTargetSeconds}
          id="last-hour"
        />
      </div>
      <p className="wallboard__note">
        {t('definitions', { seconds: board.serviceLevelTargetSeconds, date: board.date })}
      </p>
    </div>
  );
}

const STATUS_TILES = [
  ['available', 'available'],
  ['offered', 'offered'],
  ['onCall', 'on_call'],
  ['wrapUp', 'wrap_up'],
  ['break', 'break'],
  ['away', 'away'],
] as const;

function Operators({ board, elapsed }: { board: Wallboard; elapsed: number }) {
  const { t } = useTranslation('wallboard');
  return (
    <section className="wallboard__section" aria-labelledby="wb-operators">
      <h2 id="wb-operators" className="wallboard__heading">
        {t('operators.heading')}
        {board.operatorCounts.disconnected > 0 ? (
          <span className="wallboard__badge" data-testid="disconnected-count">
            {t('operators.disconnectedCount', { n: board.operatorCounts.disconnected })}
          </span>
        ) : null}
      </h2>
      <div className="wallboard__tiles wallboard__tiles--states">
        {STATUS_TILES.map(([key, status]) => (
          <Tile
            key={key}
            label={t(`status.${status}`)}
            value={String(board.operatorCounts[key])}
            testId={`count-${status}`}
            tone={status}
          />
        ))}
      </div>
      {board.operators.length === 0 ? (
        <p className="wallboard__empty">{t('operators.none')}</p>
      ) : (
        <table className="wallboard__operators">
          <thead>
            <tr>
              <th scope="col">{t('operators.name')}</th>
              <th scope="col">{t('operators.state')}</th>
              <th scope="col">{t('operators.timeInState')}</th>
            </tr>
          </thead>
          <tbody>
            {board.operators.map((o) => (
              <OperatorRow key={o.userId} operator={o} elapsed={elapsed} />
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function OperatorRow({ operator, elapsed }: { operator: WallboardOperator; elapsed: number }) {
  const { t } = useTranslation('wallboard');
  return (
    <tr
      data-testid={`operator-${operator.userId}`}
      className={operator.connected ? undefined : 'is-disconnected'}
    >
      <th scope="row">{operator.name ?? t('operators.unnamed')}</th>
      <td>
        <span className={`wallboard__state wallboard__state--${operator.status}`}>
          {t(`status.${operator.status}`)}
        </span>
        {operator.connected ? null : <span className="wallboard__badge">{t('operators.disconnected')}</span>}
      </td>
      <td className="wallboard__time">{formatDuration(operator.secondsInStatus + elapsed)}</td>
    </tr>
  );
}

function Period({
  heading,
  period,
  target,
  id,
}: {
  heading: string;
  period: WallboardPeriod;
  target: number;
  id: string;
}) {
  const { t } = useTranslation('wallboard');
  return (
    <section className="wallboard__section" aria-labelledby={`wb-${id}`} data-testid={`period-${id}`}>
      <h2 id={`wb-${id}`} className="wallboard__heading">
        {heading}
      </h2>
      <div className="wallboard__tiles">
        <Tile label={t('period.answered')} value={String(period.answered)} testId={`${id}-answered`} />
        <Tile label={t('period.abandoned')} value={String(period.abandoned)} testId={`${id}-abandoned`} />
        <Tile
          label={t('period.averageWait')}
          value={formatAverage(period.averageWaitSeconds)}
          testId={`${id}-average-wait`}
        />
        <Tile
          label={t('period.averageTalk')}
          value={formatAverage(period.averageTalkSeconds)}
          testId={`${id}-average-talk`}
        />
        <Tile
          label={t('period.serviceLevel', { seconds: target })}
          value={formatShare(period.serviceLevel)}
          testId={`${id}-service-level`}
          hint={t('period.serviceLevelCounts', {
            within: period.answeredWithinTarget,
            offered: period.answered + period.abandoned,
          })}
        />
      </div>
    </section>
  );
}

function Tile({
  label,
  value,
  testId,
  tone,
  hint,
}: {
  label: string;
  value: string;
  testId: string;
  tone?: string;
  hint?: string;
}) {
  return (
    <div
      className={`wallboard-tile${tone ? ` wallboard-tile--${tone}` : ''}`}
      role="group"
      aria-label={label}
    >
      <span className="wallboard-tile__label">{label}</span>
      <span className="wallboard-tile__value" data-testid={testId}>
        {value}
      </span>
      {hint ? <span className="wallboard-tile__hint">{hint}</span> : null}
    </div>
  );
}
