import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import type { Call } from '../call.entity';
import { CallEventsService } from '../call-events.service';
import { OperatorCallsService } from '../operator-calls.service';
import { operatorIdentity } from '../softphone-tokens';
import { TELEPHONY_PROVIDER, type TelephonyProvider } from '../telephony-provider';
import { connectTwiml, emptyTwiml, enqueueTwiml, hangUpTwiml, onHoldTwiml } from '../twiml';
import { TELEPHONY_PATHS, webhookUrl } from '../twilio-webhook';
import { afterMissedOffer } from './desk-states';
import { DeskRepository, type Desk } from './desk.repository';
import { DeskViews } from './desk-views';
import { chooseOffers } from './routing';

/** Dial outcomes that end an offer without an answer (Twilio's DialCallStatus / the leg's CallStatus). */
const UNANSWERED = ['no-answer', 'busy', 'failed', 'canceled'] as const;
type Unanswered = (typeof UNANSWERED)[number];
const isUnanswered = (s: string | undefined): s is Unanswered =>
  (UNANSWERED as readonly string[]).includes(s ?? '');

/**
 * The desk's engine (issue 14): offers waiting calls to available operators and follows each offer
 * through Twilio's callbacks. Offers are decided in PostgreSQL (one dispatch transaction at a time
 * under an advisory lock, see DeskRepository), so any number of API and worker processes may run
 * it; every callback is a conditional update on the current offer id, so retries change nothing.
 *
 * The voice path: the caller waits in Twilio's queue; an offer dequeues that caller (Queue Member
 * resource) onto connect TwiML that dials the operator's softphone; the dial's callbacks say
 * ringing / answered / completed / no-answer; an unanswered dial puts the caller back in the queue.
 */
@Injectable()
export class DeskDispatcher {
  private readonly log = new Logger('desk');
  private running: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly db: DatabaseService,
    private readonly desks: DeskRepository,
    private readonly views: DeskViews,
    private readonly operatorCalls: OperatorCallsService,
    private readonly events: CallEventsService,
    @Inject(TELEPHONY_PROVIDER) private readonly telephony: TelephonyProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private url(path: string, query: Record<string, string>): string {
    return webhookUrl(
      this.config.telephony.publicBaseUrl,
      `${path}?${new URLSearchParams(query).toString()}`,
    );
  }

  /**
   * Matches waiting calls with available operators now. Calls made while a run is in progress in
   * this process coalesce into one more run; other processes wait on the database lock.
   */
  dispatch(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          await this.dispatchOnce();
        } while (this.again);
      } catch (err) {
        this.log.error({ err: (err as Error).message }, 'dispatch failed');
      } finally {
        this.running = null;
      }
    })();
    return this.running;
  }

  /** Fire and forget, for webhook handlers that must answer Twilio at once. */
  dispatchSoon(): void {
    void this.dispatch();
  }

  private async dispatchOnce(): Promise<void> {
    const offers = await this.db.transaction(async (em) => {
      const { calls, operators } = await this.desks.lockForDispatch(em);
      const made: Call[] = [];
      for (const offer of chooseOffers(calls, operators)) {
        const call = await this.desks.offer(offer.callId, offer.operatorId, em);
        if (call) made.push(call);
      }
      return made;
    });
    await Promise.all(offers.map((call) => this.connect(call)));
  }

  /**
   * After an offer is committed: the operator's console learns of it (screen pop), and Twilio takes
   * the caller out of the queue onto the TwiML that rings the operator's softphone.
   */
  private async connect(call: Call): Promise<void> {
    const operatorId = call.offeredTo!;
    const offerId = call.offerId!;
    // The console's screen pop and the dequeue go out together: neither waits for the other.
    const told = Promise.all([
      this.operatorCalls.describe(call).then((dto) => this.operatorCalls.publish('call.offered', dto)),
      this.views.publishDesk(operatorId),
    ]).catch((err: Error) => this.log.warn({ callId: call.id, err: err.message }, 'offer not pushed'));
    let outcome: 'dequeued' | 'gone' | 'error';
    try {
      outcome = call.queueSid
        ? await this.telephony.dequeue(
            call.queueSid,
            call.callSid,
            this.url(TELEPHONY_PATHS.connect, { callId: call.id, offerId }),
          )
        : 'gone';
    } catch (err) {
      this.log.warn({ callId: call.id, err: (err as Error).message }, 'dequeue failed; the call waits again');
      outcome = 'error';
    }
    await told;
    if (outcome === 'dequeued') return;
    // The caller left the queue meanwhile (hung up: their status callback ends the call), or Twilio
    // could not be reached (the call stays dispatchable and the sweep tries again). Either way the
    // operator did nothing wrong: free them without counting a miss.
    await this.withdraw(call.id, offerId, { requeued: outcome === 'error', missed: false, reason: outcome });
  }

  /** An offer ended unanswered: the call waits again, the operator is freed (a miss counts). */
  private async withdraw(
    callId: string,
    offerId: string,
    options: { requeued: boolean; missed: boolean; reason: string },
  ): Promise<void> {
    const result = await this.db.transaction(async (em) => {
      const withdrawn = await this.desks.withdrawOffer(callId, offerId, em, { requeued: options.requeued });
      if (!withdrawn) return null;
      const desk = await this.desks.lock(withdrawn.operatorId, em);
      const next = options.missed
        ? afterMissedOffer(desk?.missedOffers ?? 0)
        : { status: 'available' as const, missed: desk?.missedOffers ?? 0 };
      await this.desks.releaseOffered(withdrawn.operatorId, callId, next, em);
      await this.desks.event(
        callId,
        withdrawn.operatorId,
        options.missed ? 'offer_missed' : 'offer_withdrawn',
        { reason: options.reason },
        em,
      );
      return withdrawn;
    });
    if (!result) return;
    await Promise.all([
      this.operatorCalls.publish('call.waiting', await this.operatorCalls.describe(result.call)),
      this.views.publishDesk(result.operatorId),
    ]);
    this.dispatchSoon();
  }

  /** Admins: this waiting call to this operator (who must be available with a live console). */
  async offerByHand(callId: string, operatorId: string): Promise<void> {
    const call = await this.db.transaction(async (em) => {
      await this.desks.takeDispatchLock(em);
      const waiting = await this.desks.lockCall(callId, em);
      if (!waiting || waiting.accountId === null)
        throw new DomainError('CALL_NOT_FOUND', 'There is no such call.');
      if (waiting.state !== 'waiting' || waiting.queuedAt === null) {
        throw new DomainError('CALL_NOT_WAITING', 'This call is not waiting in the queue.');
      }
      const desk = await this.desks.lock(operatorId, em);
      if (!desk || desk.status !== 'available' || !this.views.isConnected(desk)) {
        throw new DomainError(
          'OPERATOR_NOT_AVAILABLE',
          'This operator is not available (受付可 with the console open).',
        );
      }
      const offered = await this.desks.offer(callId, operatorId, em);
      await this.desks.event(callId, operatorId, 'assigned_by_admin', null, em);
      return offered!;
    });
    await this.connect(call);
  }

  // ---- Twilio's callbacks ----

  /** waitUrl: the caller is in the queue (first request since it was queued): offer it. */
  async callerQueued(callSid: string, queueSid: string | null): Promise<Call | null> {
    const call = await this.desks.markQueued(callSid, queueSid);
    if (call) this.dispatchSoon();
    return call;
  }

  /** The connect URL (after a dequeue or a resume): ring the offered operator, or hang up if stale. */
  async connectTwiml(callId: string, offerId: string, resume: boolean): Promise<string> {
    const call = await this.desks.findCall(callId);
    const current =
      call && call.offerId === offerId && (call.state === 'offered' || call.state === 'claimed');
    if (!call || !current) {
      // A stale offer (withdrawn meanwhile): back to the queue rather than ringing anyone.
      return call && call.state === 'waiting'
        ? enqueueTwiml(this.config.telephony.publicBaseUrl)
        : emptyTwiml();
    }
    const operatorId = call.state === 'offered' ? call.offeredTo! : call.claimedBy!;
    return connectTwiml({
      publicBaseUrl: this.config.telephony.publicBaseUrl,
      callId,
      offerId,
      identity: operatorIdentity(operatorId),
      timeoutSeconds: this.config.desk.offerTimeoutSeconds,
      resume,
    });
  }

  /** The operator's leg: ringing, answered (the call is theirs), completed, or unanswered. */
  async clientStatus(
    callId: string,
    offerId: string,
    status: string | undefined,
    legSid: string | undefined,
  ): Promise<void> {
    if (status === 'in-progress') {
      const answered = await this.db.transaction((em) =>
        this.desks.answer(callId, offerId, legSid ?? null, em),
      );
      const resumed = answered
        ? null
        : await this.db.transaction((em) => this.desks.resumed(callId, offerId, legSid ?? null, em));
      const call = answered ?? resumed;
      if (!call) return;
      await Promise.all([
        this.operatorCalls.publish(
          answered ? 'call.claimed' : 'call.resumed',
          await this.operatorCalls.describe(call),
        ),
        this.views.publishDesk(call.claimedBy!),
      ]);
      return;
    }
    if (status === 'completed') return this.operatorLegEnded(callId, offerId, null);
    if (isUnanswered(status)) {
      // The caller hanging up while it rang is not the operator's miss.
      await this.withdraw(callId, offerId, {
        requeued: false,
        missed: status !== 'canceled',
        reason: status,
      });
    }
  }

  /**
   * The operator's leg ended after an answer: unless it was put on hold, the conversation is over
   * and wrap-up starts. `byOperator`: known only from the dial's action (the caller still there).
   */
  private async operatorLegEnded(callId: string, offerId: string, byOperator: boolean | null): Promise<void> {
    const call = await this.desks.findCall(callId);
    if (!call || call.offerId !== offerId || call.claimedBy === null || call.onHold) return;
    if (byOperator) await this.desks.event(callId, call.claimedBy, 'operator_hung_up', null);
    const desk = await this.desks.startWrapUp(call.claimedBy, callId, this.config.desk.wrapUpSeconds);
    if (desk) await this.views.publishDesk(call.claimedBy);
  }

  /**
   * The dial's action: after a conversation, hang up; after an unanswered offer, back to the queue.
   * `callerStatus` is the caller's own CallStatus: still in-progress means the operator hung up.
   */
  async dialResult(
    callId: string,
    offerId: string,
    dialStatus: string | undefined,
    callerStatus: string | undefined,
  ): Promise<string> {
    if (isUnanswered(dialStatus)) {
      if (dialStatus === 'canceled') return emptyTwiml();
      await this.withdraw(callId, offerId, { requeued: false, missed: true, reason: dialStatus });
      return enqueueTwiml(this.config.telephony.publicBaseUrl);
    }
    await this.operatorLegEnded(callId, offerId, callerStatus === 'in-progress');
    return hangUpTwiml();
  }

  onHoldTwiml(callId: string): string {
    return onHoldTwiml(this.config.telephony.publicBaseUrl, callId);
  }

  /**
   * The caller's call ended (their status callback). A call still waiting or ringing is abandoned
   * (the repository stored that); the operator it rang for is freed; an operator talking goes to
   * wrap-up and their console says the caller hung up.
   */
  async callerEnded(call: Call, previousState: string): Promise<void> {
    if (previousState === 'offered' && call.offeredTo) {
      await this.db.transaction(async (em) => {
        const desk = await this.desks.lock(call.offeredTo!, em);
        await this.desks.releaseOffered(
          call.offeredTo!,
          call.id,
          { status: 'available', missed: desk?.missedOffers ?? 0 },
          em,
        );
      });
      await this.views.publishDesk(call.offeredTo);
    }
    if (previousState === 'waiting' || previousState === 'offered') {
      await this.desks.event(call.id, null, 'abandoned', { waitSeconds: call.waitSeconds });
    }
    let endedBy: 'caller' | 'operator' | undefined;
    if (previousState === 'claimed' && call.claimedBy) {
      // Who hung up first: the operator's hang-up is recorded (console or dial action) before the
      // caller's call ends; otherwise it was the caller.
      endedBy = (await this.desks.hasEvent(call.id, 'operator_hung_up')) ? 'operator' : 'caller';
      if (endedBy === 'caller') await this.desks.event(call.id, call.claimedBy, 'caller_hung_up', null);
      const desk = await this.desks.startWrapUp(call.claimedBy, call.id, this.config.desk.wrapUpSeconds);
      if (desk) await this.views.publishDesk(call.claimedBy);
    }
    await this.desks.event(call.id, call.claimedBy, 'ended', null);
    await this.events.publish({
      type: 'call.ended',
      call: await this.operatorCalls.describe(call),
      at: new Date().toISOString(),
      ...(endedBy ? { endedBy } : {}),
    });
  }

  // ---- the sweep (worker, every second) ----

  /**
   * Housekeeping that no callback triggers: wrap-ups whose time is up return their operator;
   * offers whose callbacks were lost go back to the queue; then a dispatch (operators who came
   * back, calls whose dequeue failed).
   */
  async sweep(): Promise<void> {
    for (const { userId, callId } of await this.desks.overdueWrapUps()) {
      if (await this.desks.finishWrapUp(userId, callId)) await this.views.publishDesk(userId);
    }
    const staleAfter = this.config.desk.offerTimeoutSeconds + 15;
    for (const call of await this.desks.staleOffers(staleAfter)) {
      this.log.warn(
        { callId: call.id },
        'an offer had no answer from Twilio: the caller goes back to the queue',
      );
      await this.withdraw(call.id, call.offerId!, { requeued: false, missed: true, reason: 'lost' });
      await this.telephony
        .redirect(call.callSid, webhookUrl(this.config.telephony.publicBaseUrl, TELEPHONY_PATHS.requeue))
        .catch((err: Error) => this.log.warn({ callId: call.id, err: err.message }, 'requeue failed'));
    }
    await this.dispatch();
  }

  /** Wrap-up ends because the inquiry was saved (R4.1). */
  async inquiryRecorded(userId: string, callId: string): Promise<Desk | null> {
    const desk = await this.desks.finishWrapUp(userId, callId);
    if (desk) {
      await this.views.publishDesk(userId);
      this.dispatchSoon();
    }
    return desk;
  }
}
