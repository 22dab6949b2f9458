import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatElapsed } from '../../../lib/live-calls/format';
import type { ChosenDeskStatus, DeskView } from '../api/desk';
import { BUSY_STATUSES } from '../api/desk';
import type { CallPhase } from '../desk-session';
import type { SoftphoneStatus } from '../hooks/use-softphone';

const CHOICES = ['available', 'break', 'away'] as const satisfies readonly ChosenDeskStatus[];

/** Seconds of the call, the hold, the wrap-up left or its overrun: whichever apply now. */
export type DeskTimers = {
  call: number | null;
  hold: number | null;
  wrapUpLeft: number | null;
  overrun: number | null;
};

export type DeskBarProps = {
  desk: DeskView | undefined;
  phase: CallPhase;
  customerName: string | null;
  softphone: { status: SoftphoneStatus; error: string | null };
  timers: DeskTimers;
  muted: boolean;
  canAnswer: boolean;
  canMute: boolean;
  statusPending: boolean;
  holdPending: boolean;
  hangUpPending: boolean;
  onChoose: (status: ChosenDeskStatus) => void;
  onAnswer: () => void;
  onMute: () => void;
  onHold: () => void;
  onHangUp: () => void;
};

function Key({ children }: { children: ReactNode }) {
  return (
    <kbd className="desk-key" aria-hidden="true">
      {children}
    </kbd>
  );
}

/** The top of the desk: my state, the phone, the call controls and timers, and the shortcuts. */
export function DeskBar(props: DeskBarProps) {
  const { t } = useTranslation('calls');
  const { desk, phase, timers } = props;
  const busy = desk ? BUSY_STATUSES.includes(desk.status) : false;
  const inCall = phase === 'talking' || phase === 'held';
  const statusLabel =
    desk?.status === 'on_call' && desk.call?.onHold
      ? t('desk.status.onHold')
      : desk
        ? t(`desk.status.${desk.status}`)
        : '…';
  return (
    <header className={`desk-bar desk-bar--${phase}`} data-testid="desk-bar">
      <div className="desk-bar__row">
        <div className="desk-bar__group" role="group" aria-label={t('desk.status.label')}>
          <span className={`desk-state desk-state--${desk?.status ?? 'loading'}`} data-testid="desk-status">
            {statusLabel}
          </span>
          {CHOICES.map((status) => {
            const pressed = busy ? desk?.afterCall === status : desk?.status === status;
            return (
              <button
                key={status}
                type="button"
                className={`button button--small ${pressed ? 'button--primary' : 'button--secondary'}`}
                aria-pressed={pressed}
                data-testid={`desk-status-${status}`}
                disabled={!desk || desk.status === 'offered' || props.statusPending}
                title={desk?.status === 'offered' ? t('desk.ringingLocked') : undefined}
                onClick={() => props.onChoose(status)}
              >
                {t(`desk.choose.${status}`)}
              </button>
            );
          })}
          {busy && desk ? (
            <span className="desk-after-call" data-testid="after-call">
              {t('desk.afterCall', { status: t(`desk.choose.${desk.afterCall}`) })}
            </span>
          ) : null}
        </div>
        <p
          className={`desk-phone desk-phone--${props.softphone.status}`}
          role="status"
          data-testid="softphone-status"
        >
          {t('desk.softphone.label')}: {t(`desk.softphone.${props.softphone.status}`)}
          {props.softphone.error ? (
            <span className="desk-phone__error"> — {props.softphone.error}</span>
          ) : null}
        </p>
      </div>
      <div className="desk-bar__row">
        <div className="desk-bar__call">
          <span className="desk-phase" data-testid="call-phase">
            {t(`desk.phase.${phase}`)}
          </span>
          {props.customerName && phase !== 'idle' ? (
            <span className="desk-bar__customer">{props.customerName}</span>
          ) : null}
        </div>
        <div className="desk-bar__controls" role="group" aria-label={t('desk.controls.label')}>
          <button
            type="button"
            className={`button desk-control desk-control--answer${props.canAnswer ? ' desk-control--ringing' : ''}`}
            data-testid="call-answer"
            aria-keyshortcuts="Space Enter"
            disabled={!props.canAnswer}
            onClick={props.onAnswer}
          >
            {t('desk.controls.answer')} <Key>Space</Key>
          </button>
          <button
            type="button"
            className="button button--secondary desk-control"
            data-testid="call-mute"
            aria-pressed={props.muted}
            aria-keyshortcuts="M"
            disabled={!props.canMute}
            onClick={props.onMute}
          >
            {t('desk.controls.mute')} <Key>M</Key>
          </button>
          <button
            type="button"
            className="button button--secondary desk-control"
            data-testid="call-hold"
            aria-keyshortcuts="H"
            disabled={!inCall || props.holdPending}
            aria-busy={props.holdPending || undefined}
            onClick={props.onHold}
          >
            {phase === 'held' ? t('desk.controls.resume') : t('desk.controls.hold')} <Key>H</Key>
          </button>
          <button
            type="button"
            className="button desk-control desk-control--hang-up"
            data-testid="call-hang-up"
            aria-keyshortcuts="Escape"
            disabled={!inCall || props.hangUpPending}
            aria-busy={props.hangUpPending || undefined}
            onClick={props.onHangUp}
          >
            {t('desk.controls.hangUp')} <Key>Esc</Key>
          </button>
        </div>
        <div className="desk-bar__timers">
          {timers.call !== null ? (
            <span
              role="timer"
              aria-label={t('desk.timers.call')}
              className="desk-timer"
              data-testid="call-timer"
            >
              {t('desk.timers.callShort', { time: formatElapsed(timers.call) })}
            </span>
          ) : null}
          {timers.hold !== null ? (
            <span
              role="timer"
              aria-label={t('desk.timers.hold')}
              className="desk-timer desk-timer--hold"
              data-testid="hold-timer"
            >
              {t('desk.timers.holdShort', { time: formatElapsed(timers.hold) })}
            </span>
          ) : null}
          {timers.wrapUpLeft !== null ? (
            <span
              role="timer"
              aria-label={t('desk.timers.wrapUp')}
              className="desk-timer desk-timer--wrap-up"
              data-testid="wrap-up-timer"
            >
              {t('desk.timers.wrapUpShort', { time: formatElapsed(timers.wrapUpLeft) })}
            </span>
          ) : null}
          {timers.overrun !== null ? (
            <span
              role="timer"
              aria-label={t('desk.timers.overrun')}
              className="desk-timer desk-timer--overrun"
              data-testid="overrun-timer"
            >
              {t('desk.timers.overrunShort', { time: formatElapsed(timers.overrun) })}
            </span>
          ) : null}
        </div>
      </div>
      <p
        className="desk-legend"
        role="note"
        aria-label={t('desk.shortcuts.label')}
        data-testid="shortcut-legend"
      >
        <span>
          <kbd>Space</kbd>/<kbd>Enter</kbd> {t('desk.shortcuts.answer')}
        </span>
        <span>
          <kbd>M</kbd> {t('desk.shortcuts.mute')}
        </span>
        <span>
          <kbd>H</kbd> {t('desk.shortcuts.hold')}
        </span>
        <span>
          <kbd>Esc</kbd> {t('desk.shortcuts.hangUp')}
        </span>
        <span>
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> {t('desk.shortcuts.save')}
        </span>
      </p>
    </header>
  );
}
