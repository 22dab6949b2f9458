import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import { AccountsService } from '../accounts/accounts.service';
import { CALL_END_STATUSES, type Call, type CallEndStatus, type CallState } from './call.entity';
import { CallerBlocksRepository } from './caller-blocks.repository';
import { CallsRepository } from './calls.repository';
import { OperatorCallsService } from './operator-calls.service';
import { isWithinReceptionHours } from './reception-hours';
import { ReceptionScheduleService } from './reception-schedule.service';
import {
  CALLER_CONTACT_PROVIDER,
  OUT_OF_HOURS_TEXT_PROVIDER,
  type CallerContactProvider,
  type OutOfHoursTextProvider,
} from './telephony.ports';
import { DeskDispatcher } from './desk/dispatcher.service';
import {
  blockedTwiml,
  enqueueTwiml,
  holdTwiml,
  notInServiceTwiml,
  outOfHoursTwiml,
  queueResultTwiml,
} from './twiml';
import { ANONYMOUS_CALLER_IDS, formValue } from './twilio-webhook';

/** Accounts whose calls are answered: active, and those whose cancellation has not taken effect yet. */
const IN_SERVICE_STATES: readonly string[] = ['active', 'cancellation_scheduled'];
const E164 = /^\+[1-9]\d{6,14}$/;
const CALL_SID = /^CA[0-9a-zA-Z]{32}$/;

/** The caller's E.164, or null when withheld (非通知), anonymous or not a phone number. */
export function callerOf(from: string | undefined): string | null {
  if (!from || !E164.test(from)) return null;
  return (ANONYMOUS_CALLER_IDS as readonly string[]).includes(from) ? null : from;
}

/**
 * R3.3–R3.6, R4.9: Twilio's incoming-call and status webhooks. Every request is signed; the answer
 * to a CallSid is decided once and stored, so a retried webhook gets the same TwiML and no second
 * call.
 */
@Injectable()
export class TelephonyWebhookService {
  private readonly log = new Logger('telephony');

  constructor(
    private readonly calls: CallsRepository,
    private readonly blocks: CallerBlocksRepository,
    private readonly schedule: ReceptionScheduleService,
    private readonly accounts: AccountsService,
    private readonly operatorCalls: OperatorCallsService,
    private readonly dispatcher: DeskDispatcher,
    @Inject(OUT_OF_HOURS_TEXT_PROVIDER) private readonly outOfHoursText: OutOfHoursTextProvider,
    @Inject(CALLER_CONTACT_PROVIDER) private readonly contacts: CallerContactProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The incoming-call webhook: decides what the caller hears and, within hours, queues the call. */
  async incomingCall(params: Record<string, unknown>): Promise<string> {
    const callSid = this.requireCallSid(params);
    const existing = await this.calls.findBySid(callSid);
    if (existing) return this.twimlFor(existing);

    const to = formValue(params, 'To') ?? '';
    const from = callerOf(formValue(params, 'From'));
    const decision = await this.decide(to, from);
    // R8.1: a VIP of the customer's address book is offered before everyone else.
    const vip =
      decision.state === 'waiting' && decision.accountId && from
        ? ((await this.contacts.knownCaller(decision.accountId, from))?.vip ?? false)
        : false;
    const inserted = await this.calls.insertIfAbsent({
      callSid,
      accountId: decision.accountId,
      phoneNumberId: decision.phoneNumberId,
      fromE164: from,
      toNumber: to.slice(0, 64),
      state: decision.state,
      vip,
    });
    if (!inserted) {
      // Another delivery of the same CallSid won the race: answer what it answered.
      return this.twimlFor((await this.calls.findBySid(callSid))!);
    }
    if (inserted.state === 'waiting') {
      await this.operatorCalls.publish('call.waiting', await this.operatorCalls.describe(inserted));
    }
    return this.twimlFor(inserted);
  }

  /** Status callbacks: a final status ends the call once; a waiting call leaves the queue (abandoned). */
  async statusCallback(params: Record<string, unknown>): Promise<void> {
    const callSid = this.requireCallSid(params);
    const status = formValue(params, 'CallStatus');
    if (!status || !(CALL_END_STATUSES as readonly string[]).includes(status)) return; // not final
    const rawDuration = Number(formValue(params, 'CallDuration'));
    const duration = Number.isInteger(rawDuration) && rawDuration >= 0 ? rawDuration : null;
    const ended = await this.calls.end(callSid, status as CallEndStatus, duration);
    if (ended && ['waiting', 'offered', 'claimed'].includes(ended.previousState)) {
      await this.dispatcher.callerEnded(ended.call, ended.previousState);
    }
  }

  /**
   * waitUrl: the first request of a call makes it dispatchable (the caller is in Twilio's queue now)
   * and greets; later ones play the hold message.
   */
  async callerWaiting(params: Record<string, unknown>): Promise<string> {
    const callSid = formValue(params, 'CallSid');
    let greeting = false;
    if (callSid && CALL_SID.test(callSid)) {
      const queueSid = formValue(params, 'QueueSid');
      const queued = await this.dispatcher.callerQueued(
        callSid,
        queueSid && /^QU[0-9a-zA-Z]{32}$/.test(queueSid) ? queueSid : null,
      );
      greeting = queued !== null && queued.offerCount === 0;
    }
    return holdTwiml({ greeting });
  }

  requeue(): string {
    return enqueueTwiml(this.config.telephony.publicBaseUrl);
  }

  queueResult(params: Record<string, unknown>): string {
    const result = formValue(params, 'QueueResult');
    if (result && result !== 'bridged' && result !== 'hangup') {
      this.log.warn(
        { callSid: formValue(params, 'CallSid'), result },
        'call left the queue without an operator',
      );
    }
    return queueResultTwiml(result);
  }

  private requireCallSid(params: Record<string, unknown>): string {
    const callSid = formValue(params, 'CallSid');
    if (!callSid || !CALL_SID.test(callSid)) {
      throw new DomainError('VALIDATION_FAILED', 'CallSid is missing or malformed.', {
        fieldErrors: [
          {
            pointer: '/body/CallSid',
            code: 'CALL_SID_INVALID',
            message: 'CallSid must be CA + 32 characters',
          },
        ],
      });
    }
    return callSid;
  }

  private async decide(
    to: string,
    from: string | null,
  ): Promise<{ state: CallState; accountId: string | null; phoneNumberId: string | null }> {
    const number = E164.test(to) ? await this.calls.findIssuedNumber(to) : null;
    if (!number) return { state: 'rejected_not_in_service', accountId: null, phoneNumberId: null };
    const base = { accountId: number.accountId, phoneNumberId: number.id };
    const account = await this.accounts.findAccount(number.accountId);
    if (!account || !IN_SERVICE_STATES.includes(account.state)) {
      return { state: 'rejected_not_in_service', ...base };
    }
    if (from && (await this.blocks.isBlocked(number.accountId, from))) {
      return { state: 'rejected_blocked', ...base };
    }
    const alwaysOpen =
      this.config.telephony.alwaysOpenAllowed && (await this.calls.isAlwaysOpen(number.accountId));
    if (!alwaysOpen && !isWithinReceptionHours(await this.schedule.current(), new Date())) {
      return { state: 'rejected_out_of_hours', ...base };
    }
    return { state: 'waiting', ...base };
  }

  /** The TwiML for a call's stored decision (the same for every retry of its webhook). */
  async twimlFor(call: Call): Promise<string> {
    switch (call.state) {
      case 'waiting':
      case 'offered':
      case 'claimed':
      case 'ended':
        return enqueueTwiml(this.config.telephony.publicBaseUrl);
      case 'rejected_blocked':
        return blockedTwiml();
      case 'rejected_out_of_hours':
        return outOfHoursTwiml(
          call.accountId ? await this.outOfHoursText.approvedOutOfHoursText(call.accountId) : null,
        );
      case 'rejected_not_in_service':
        return notInServiceTwiml();
    }
  }
}
