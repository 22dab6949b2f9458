import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi } from '@bc/app-shell';
import { getSoftphoneToken } from '../api/desk';
import { useSoftphoneFactory } from '../softphone-context';
import type { Softphone, SoftphoneCall, SoftphoneError } from '../softphone/softphone';

export type SoftphoneStatus = 'connecting' | 'registered' | 'disconnected';

/** Refresh the access token this long before it expires (also on the SDK's `tokenWillExpire`). */
export const TOKEN_REFRESH_MARGIN_MS = 60_000;

export type SoftphoneProblem =
  | { kind: 'softphone'; error: SoftphoneError }
  /** The token could not be fetched or the softphone not be made (an API or configuration error). */
  | { kind: 'setup'; error: unknown };

export type UseSoftphoneOptions = {
  /** The call currently on my desk: a ring for it with `resume` = '1' (after a hold) is accepted at once. */
  currentCallId: string | null;
  /** A new offer rings (not a resume). */
  onRinging: (callId: string | null) => void;
  /** A ringing call stopped before it was answered here (the caller left, or it passed on). */
  onCancelled: (callId: string | null) => void;
  /**
   * A connected call ended. `expected` is true when this console caused it (hold, hang-up);
   * `registered` tells whether the softphone was still connected (false: the line was lost).
   */
  onDisconnected: (callId: string | null, info: { expected: boolean; registered: boolean }) => void;
};

export type SoftphoneState = {
  status: SoftphoneStatus;
  problem: SoftphoneProblem | null;
  /** The call ringing here, not answered yet. */
  ringing: SoftphoneCall | null;
  /** The connected call. */
  active: SoftphoneCall | null;
  muted: boolean;
  answer: () => void;
  toggleMute: () => void;
  /** Ends the connected call from the browser (a fallback when the API cannot be reached). */
  hangUpHere: () => void;
  /** The next disconnect is ours (hold, hang-up): not the caller hanging up. */
  expectDisconnect: (expected: boolean) => void;
};

const callIdOf = (call: SoftphoneCall): string | null => call.customParameters.callId ?? null;

/**
 * The desk page's softphone: made once per page (destroyed on leaving it), registered with a token
 * from the API, which is refreshed before it expires. Rings are reported to the page; a ring that
 * resumes my held call is accepted without asking.
 */
export function useSoftphone(options: UseSoftphoneOptions): SoftphoneState {
  const api = useApi();
  const factory = useSoftphoneFactory();
  const [status, setStatus] = useState<SoftphoneStatus>('connecting');
  const [problem, setProblem] = useState<SoftphoneProblem | null>(null);
  const [ringing, setRinging] = useState<SoftphoneCall | null>(null);
  const [active, setActive] = useState<SoftphoneCall | null>(null);
  const [muted, setMuted] = useState(false);
  const optionsRef = useRef(options);
  const mutedRef = useRef(false);
  const expectedRef = useRef(false);
  const registeredRef = useRef(false);
  useEffect(() => {
    optionsRef.current = options;
    mutedRef.current = muted;
  });

  useEffect(() => {
    let phone: Softphone | null = null;
    let stopped = false;
    let refreshTimer: ReturnType<typeof setTimeout> | undefined;
    const unsubscribes: (() => void)[] = [];

    const scheduleRefresh = (expiresAt: string) => {
      clearTimeout(refreshTimer);
      const delay = Math.max(5_000, Date.parse(expiresAt) - Date.now() - TOKEN_REFRESH_MARGIN_MS);
      refreshTimer = setTimeout(() => void refresh(), delay);
    };
    const refresh = async () => {
      try {
        const token = await getSoftphoneToken(api.client);
        if (stopped || !phone) return;
        phone.updateToken(token.token);
        scheduleRefresh(token.expiresAt);
      } catch (error) {
        if (!stopped) setProblem({ kind: 'setup', error });
      }
    };

    const watchCall = (call: SoftphoneCall) => {
      const off = [
        call.on('accepted', () => {
          expectedRef.current = false;
          setRinging((r) => (r === call ? null : r));
          setActive(call);
          // A resumed call keeps the operator's mute; a new call starts unmuted.
          if (call.customParameters.resume === '1' && mutedRef.current) call.mute(true);
          else setMuted(false);
        }),
        call.on('cancel', () => {
          setRinging((r) => (r === call ? null : r));
          optionsRef.current.onCancelled(callIdOf(call));
          done();
        }),
        call.on('rejected', () => {
          setRinging((r) => (r === call ? null : r));
          done();
        }),
        call.on('disconnect', () => {
          setActive((a) => (a === call ? null : a));
          const expected = expectedRef.current;
          expectedRef.current = false;
          // The adapters end their calls before they report a lost connection: look once it settled.
          queueMicrotask(() =>
            optionsRef.current.onDisconnected(callIdOf(call), {
              expected,
              registered: registeredRef.current,
            }),
          );
          done();
        }),
        call.on('error', (error) => setProblem({ kind: 'softphone', error })),
      ];
      const done = () => off.forEach((unsubscribe) => unsubscribe());
    };

    const start = async () => {
      try {
        const token = await getSoftphoneToken(api.client);
        if (stopped) return;
        phone = factory({ provider: token.provider, signalingUrl: token.signalingUrl ?? undefined });
        unsubscribes.push(
          phone.on('registered', () => {
            registeredRef.current = true;
            setStatus('registered');
            setProblem(null);
          }),
          phone.on('unregistered', () => {
            registeredRef.current = false;
            setStatus('disconnected');
          }),
          phone.on('error', (error) => setProblem({ kind: 'softphone', error })),
          phone.on('tokenWillExpire', () => void refresh()),
          phone.on('incoming', ({ call }) => {
            watchCall(call);
            const callId = callIdOf(call);
            if (
              call.customParameters.resume === '1' &&
              callId &&
              callId === optionsRef.current.currentCallId
            ) {
              call.accept();
              return;
            }
            setRinging(call);
            optionsRef.current.onRinging(callId);
          }),
        );
        scheduleRefresh(token.expiresAt);
        await phone.register(token.token);
      } catch (error) {
        if (stopped) return;
        setStatus('disconnected');
        setProblem((p) => p ?? { kind: 'setup', error });
      }
    };
    void start();
    return () => {
      stopped = true;
      clearTimeout(refreshTimer);
      unsubscribes.forEach((unsubscribe) => unsubscribe());
      phone?.destroy();
      registeredRef.current = false;
    };
  }, [api, factory]);

  const answer = useCallback(() => ringing?.accept(), [ringing]);
  const toggleMute = useCallback(() => {
    if (!active) return;
    const next = !active.isMuted();
    active.mute(next);
    setMuted(next);
  }, [active]);
  const hangUpHere = useCallback(() => active?.hangUp(), [active]);
  const expectDisconnect = useCallback((expected: boolean) => {
    expectedRef.current = expected;
  }, []);

  return { status, problem, ringing, active, muted, answer, toggleMute, hangUpHere, expectDisconnect };
}
