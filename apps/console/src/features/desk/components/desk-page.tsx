import { useQueryClient } from '@tanstack/react-query';
import { useLayoutEffect, useReducer, useRef, useState, type RefObject } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { isDeskEvent, type StreamEvent } from '../../../lib/live-calls/call-stream';
import { useLiveCalls, type OperatorCall } from '../../../lib/live-calls/get-calls';
import type { RecordedInquiry } from '../../../lib/live-calls/record-inquiry';
import { InquiryForm } from '../../../lib/live-calls/inquiry-form';
import { useCallStream } from '../../../lib/live-calls/use-call-stream';
import { useNow } from '../../../lib/live-calls/use-now';
import { CALLS_PATHS } from '../../calls/paths';
import {
  BUSY_STATUSES,
  deskQueryKey,
  toDeskView,
  useCallAction,
  useDesk,
  useScreenPop,
  useSetDeskStatus,
  type ChosenDeskStatus,
  type DeskView,
} from '../api/desk';
import { deskSessionReducer, phaseOf, type DeskSession } from '../desk-session';
import { useDeskShortcuts } from '../hooks/use-desk-shortcuts';
import { useRingtone } from '../hooks/use-ringtone';
import { useSoftphone, type SoftphoneProblem } from '../hooks/use-softphone';
import { CustomerContext } from './customer-context';
import { DeskBar, type DeskTimers } from './desk-bar';
import { DeskQueue } from './desk-queue';
import '../desk.css';

const seconds = (ms: number) => Math.max(0, ms / 1000);

/**
 * 着信: the operator's desk (issue 14). One screen: my state and the call controls on top, the
 * customer and what to say on the left, the inquiry on the right, the queue at the side. Calls are
 * offered by the API and ring in the softphone; the live stream keeps this operator connected.
 */
export function DeskPage() {
  const { t } = useTranslation('calls');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const myId = user?.id ?? null;
  const isAdmin = user?.role === 'admin';
  const queryClient = useQueryClient();
  const desk = useDesk();
  const calls = useLiveCalls();
  const setStatus = useSetDeskStatus();
  const callAction = useCallAction();
  const now = useNow(500);
  const [session, dispatch] = useReducer(deskSessionReducer, null, (): DeskSession => ({
    myId,
    focus: null,
    recorded: [],
  }));
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const formArea = useRef<HTMLDivElement>(null);
  const deskRef = useRef<HTMLDivElement>(null);
  useDeskFitsViewport(deskRef);

  // Every desk the page gets (fetched or pushed) is fed to the session once.
  const [seenDesk, setSeenDesk] = useState<DeskView | undefined>(undefined);
  if (desk.data !== seenDesk) {
    setSeenDesk(desk.data);
    if (desk.data) dispatch({ type: 'desk', desk: desk.data, at: desk.data.receivedAt });
  }

  const streamStatus = useCallStream(
    myId,
    (event: StreamEvent) => {
      if (isDeskEvent(event)) {
        // Admins get every operator's desk; this page shows mine.
        if (event.desk.userId === myId)
          queryClient.setQueryData(deskQueryKey, toDeskView(event.desk, Date.now()));
        return;
      }
      dispatch({ type: 'event', event, at: Date.now() });
    },
    () => void queryClient.invalidateQueries({ queryKey: deskQueryKey }),
  );

  const focus = session.focus;
  const deskCallId =
    desk.data && BUSY_STATUSES.includes(desk.data.status) ? (desk.data.call?.id ?? null) : null;
  const phone = useSoftphone({
    currentCallId: deskCallId ?? focus?.callId ?? null,
    onRinging: (callId) => {
      if (callId) dispatch({ type: 'offered', callId, call: null });
    },
    onCancelled: (callId) => dispatch({ type: 'ring-cancelled', callId }),
    onDisconnected: (callId, { expected, registered }) => {
      if (!expected) dispatch({ type: 'line-dropped', callId, registered });
    },
  });
  const connectedHere = phone.active !== null && phone.active.customParameters.callId === focus?.callId;
  const phase = phaseOf(desk.data, focus, myId, connectedHere);
  const pop = useScreenPop(focus?.callId ?? null);
  const call: OperatorCall | null = focus?.call ?? pop.data?.call ?? null;
  const ringingHere =
    phase === 'ringing' && phone.ringing !== null
      ? phone.ringing.customParameters.callId === focus?.callId
      : false;
  useRingtone(ringingHere);

  // Times: the API's clock for its deadlines, the call's own timestamps otherwise.
  const offset = desk.data ? Date.parse(desk.data.serverTime) - desk.data.receivedAt : 0;
  const serverNow = now + offset;
  const since = (iso: string | null | undefined) => (iso ? seconds(serverNow - Date.parse(iso)) : null);
  const inCall = phase === 'talking' || phase === 'held';
  const deadline = focus?.wrapUpUntil ? Date.parse(focus.wrapUpUntil) : null;
  const timers: DeskTimers = {
    call: inCall ? since(call?.answeredAt ?? call?.claimedAt) : null,
    hold: phase === 'held' ? seconds(now - (focus?.holdSince ?? now)) : null,
    wrapUpLeft:
      phase === 'wrapUp' && deadline !== null && deadline > serverNow ? seconds(deadline - serverNow) : null,
    overrun:
      (phase === 'wrapUp' || phase === 'unrecorded') && deadline !== null && deadline <= serverNow
        ? seconds(serverNow - deadline)
        : null,
  };

  const fail = (error: unknown) => setProblem(translate(tc, errorMessage(error)));
  const clearMessages = () => {
    setProblem(null);
    setNotice(null);
  };

  const choose = (status: ChosenDeskStatus) => {
    clearMessages();
    setStatus.mutate(status, { onError: fail });
  };
  const answer = () => {
    clearMessages();
    phone.answer();
  };
  const toggleHold = () => {
    if (!focus || !inCall || callAction.isPending) return;
    clearMessages();
    const callId = focus.callId;
    if (phase === 'held') {
      callAction.mutate(
        { action: 'resume', callId },
        { onSuccess: () => dispatch({ type: 'resumed', callId }), onError: fail },
      );
      return;
    }
    // The carrier ends my leg of the call: that disconnect is ours, not the caller's.
    phone.expectDisconnect(true);
    callAction.mutate(
      { action: 'hold', callId },
      {
        onSuccess: () => dispatch({ type: 'held', callId, at: Date.now() }),
        onError: (error) => {
          phone.expectDisconnect(false);
          fail(error);
        },
      },
    );
  };
  const hangUp = () => {
    if (!focus || !inCall || callAction.isPending) return;
    clearMessages();
    phone.expectDisconnect(true);
    callAction.mutate(
      { action: 'hang-up', callId: focus.callId },
      {
        onError: (error) => {
          fail(error);
          // The API could not end it: end my leg here, so the caller is not left talking to no one.
          if (phone.active) phone.hangUpHere();
          else phone.expectDisconnect(false);
        },
      },
    );
  };
  const formEnabled = phase === 'talking' || phase === 'held' || phase === 'wrapUp' || phase === 'unrecorded';
  const save = () => formArea.current?.querySelector('form')?.requestSubmit();
  const onRecorded = (inquiry: RecordedInquiry) => {
    if (focus) dispatch({ type: 'recorded', callId: focus.callId });
    setProblem(null);
    setNotice(t('form.saved', { name: inquiry.callerName }));
    // The API ends wrap-up (desk.changed follows); read it again in case the push was missed.
    void queryClient.invalidateQueries({ queryKey: deskQueryKey });
  };

  useDeskShortcuts({
    answer: ringingHere ? answer : null,
    mute: phone.active ? phone.toggleMute : null,
    hold: inCall ? toggleHold : null,
    hangUp: inCall ? hangUp : null,
    save: formEnabled && pop.data ? save : null,
  });

  const softphoneError = softphoneMessage(phone.problem, t, tc);
  const waiting = calls.data?.waiting ?? [];
  const unrecorded = (calls.data?.mine ?? []).filter((c) => c.id !== focus?.callId && !c.inquiryId);
  const deskBusy = deskCallId !== null;

  return (
    <div className="desk" data-testid="desk" ref={deskRef}>
      <title>{`${t('page.title')} | ${tc('app.titleSuffix')}`}</title>
      <h1 className="visually-hidden">{t('page.title')}</h1>
      <DeskBar
        desk={desk.data}
        phase={phase}
        customerName={call?.customerName ?? null}
        softphone={{ status: phone.status, error: softphoneError }}
        timers={timers}
        muted={phone.muted}
        canAnswer={ringingHere}
        canMute={phone.active !== null}
        statusPending={setStatus.isPending}
        holdPending={callAction.isPending && callAction.variables?.action !== 'hang-up'}
        hangUpPending={callAction.isPending && callAction.variables?.action === 'hang-up'}
        onChoose={choose}
        onAnswer={answer}
        onMute={phone.toggleMute}
        onHold={toggleHold}
        onHangUp={hangUp}
      />
      <div className="desk-messages">
        {desk.isError ? <Alert>{translate(tc, errorMessage(desk.error))}</Alert> : null}
        {problem ? <Alert>{problem}</Alert> : null}
        {focus?.callerHungUp ? (
          <p className="desk-callout desk-callout--hung-up" role="status" data-testid="caller-hung-up">
            {t('desk.callerHungUp')}
          </p>
        ) : null}
        {focus?.lineLost && !focus.callerHungUp ? (
          <p className="desk-callout" role="status" data-testid="line-lost">
            {t('desk.lineLost')}
          </p>
        ) : null}
        {notice ? <Alert tone="success">{notice}</Alert> : null}
      </div>
      <div className="desk-grid">
        <div className="desk-column desk-column--context">
          {phase === 'idle' || !focus ? (
            <div className="desk-idle" data-testid="desk-idle">
              <p>{t('desk.idle')}</p>
            </div>
          ) : pop.data && call ? (
            <CustomerContext pop={pop.data} call={call} />
          ) : pop.isError ? (
            <Alert>{translate(tc, errorMessage(pop.error))}</Alert>
          ) : (
            <Spinner label={t('desk.loadingPop')} />
          )}
        </div>
        <div className="desk-column desk-column--form" ref={formArea}>
          {phase !== 'idle' && focus && pop.data ? (
            <>
              {phase === 'ringing' ? <p className="muted">{t('desk.form.beforeAnswer')}</p> : null}
              {timers.overrun !== null ? <p className="desk-overrun-note">{t('desk.form.overrun')}</p> : null}
              {call?.inquiryId ? (
                <Alert tone="info">{t('form.alreadyRecorded')}</Alert>
              ) : (
                <InquiryForm
                  key={focus.callId}
                  pop={pop.data}
                  onRecorded={onRecorded}
                  disabled={!formEnabled}
                />
              )}
            </>
          ) : null}
        </div>
        <aside className="desk-column desk-side">
          <DeskQueue waiting={waiting} now={now} isAdmin={isAdmin} onAssigned={setNotice} />
          {unrecorded.length > 0 ? (
            <section className="desk-side__section" aria-labelledby="desk-unrecorded-title">
              <h2 id="desk-unrecorded-title" className="desk-side__title">
                {t('desk.unrecorded.title')}
              </h2>
              <ul className="desk-queue">
                {unrecorded.map((c) => (
                  <li key={c.id} className="desk-queue__item" data-testid={`unrecorded-${c.id}`}>
                    <div className="desk-queue__row">
                      <span>{c.customerName ?? t('pop.unknownCustomer')}</span>
                      <button
                        type="button"
                        className="button button--ghost button--small"
                        disabled={deskBusy}
                        onClick={() => {
                          clearMessages();
                          dispatch({ type: 'open', call: c });
                        }}
                      >
                        {t('desk.unrecorded.open')}
                      </button>
                    </div>
                    <div className="desk-queue__row muted">{c.fromDisplay ?? t('queue.anonymous')}</div>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <p className="desk-side__links muted">
            <span role="status" data-testid="stream-status">
              {t(`stream.${streamStatus}`)}
            </span>{' '}
            · <Link to={CALLS_PATHS.schedule}>{t('schedule.link')}</Link>
          </p>
        </aside>
      </div>
    </div>
  );
}

/** The desk takes the rest of the window below the header (which may wrap): its columns scroll, not the page. */
function useDeskFitsViewport(ref: RefObject<HTMLDivElement | null>) {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => {
      const top = element.getBoundingClientRect().top + window.scrollY;
      element.style.setProperty('--desk-top', `${Math.max(0, Math.round(top))}px`);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, [ref]);
}

type T = ReturnType<typeof useTranslation<'calls'>>['t'];

/** A softphone error in words: Twilio's codes we know, the provider's own message otherwise. */
function softphoneMessage(problem: SoftphoneProblem | null, t: T, tc: TFunction): string | null {
  if (!problem) return null;
  if (problem.kind === 'setup') return translate(tc, errorMessage(problem.error));
  const code = String(problem.error.code);
  const known = ['20101', '31005', '31401', '31402', '53405'] as const;
  const key = known.find((k) => k === code);
  return key ? t(`desk.softphone.errors.${key}`) : problem.error.message;
}
