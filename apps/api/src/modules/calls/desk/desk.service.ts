import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import type { Call } from '../call.entity';
import { OperatorCallsService } from '../operator-calls.service';
import { SoftphoneTokens } from '../softphone-tokens';
import { TELEPHONY_PROVIDER, type TelephonyProvider } from '../telephony-provider';
import { TELEPHONY_PATHS, webhookUrl } from '../twilio-webhook';
import { decideStatusChange, type ChosenStatus } from './desk-states';
import { DeskRepository } from './desk.repository';
import { DeskViews } from './desk-views';
import { DeskDispatcher } from './dispatcher.service';
import type { DeskDto, SoftphoneTokenDto } from './dto/desk.dto';

/** What an operator does at the desk: their state, the softphone's token, hold, resume, hang up. */
@Injectable()
export class DeskService {
  private readonly log = new Logger('desk');

  constructor(
    private readonly db: DatabaseService,
    private readonly desks: DeskRepository,
    private readonly views: DeskViews,
    private readonly dispatcher: DeskDispatcher,
    private readonly operatorCalls: OperatorCallsService,
    private readonly tokens: SoftphoneTokens,
    @Inject(TELEPHONY_PROVIDER) private readonly telephony: TelephonyProvider,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async myDesk(user: AuthUser): Promise<DeskDto> {
    return this.views.toDto(await this.desks.ensure(user.userId));
  }

  /** 受付可 / 休憩 / 離席 / offline: at once when free; during a call, for after it (see decideStatusChange). */
  async setStatus(user: AuthUser, status: ChosenStatus): Promise<DeskDto> {
    await this.desks.ensure(user.userId);
    const desk = await this.db.transaction(async (em) => {
      const current = await this.desks.lock(user.userId, em);
      const change = decideStatusChange(current!.status, status);
      if (change.kind === 'refused') throw new DomainError(change.code, change.reason);
      if (change.kind === 'after_call') await this.desks.setAfterCall(user.userId, change.afterCall, em);
      else await this.desks.setChosenStatus(user.userId, change.status, em);
      return (await this.desks.find(user.userId, em))!;
    });
    await this.views.publishDesk(user.userId);
    if (desk.status === 'available') this.dispatcher.dispatchSoon();
    return this.views.toDto(desk);
  }

  /** A short-lived Twilio access token for this operator's softphone (never logged). */
  softphoneToken(user: AuthUser): SoftphoneTokenDto {
    const { token, identity, expiresAt } = this.tokens.mint(user.userId);
    const t = this.config.telephony;
    return {
      provider: t.provider,
      token,
      identity,
      expiresAt: expiresAt.toISOString(),
      signalingUrl: t.provider === 'fake' ? `${t.restBaseUrl.replace(/^http/, 'ws')}/ws` : null,
    };
  }

  /** The call I am talking on (404 for anyone else's: their calls are not mine to see). */
  private async myCallInProgress(user: AuthUser, callId: string): Promise<Call> {
    const call = await this.desks.findCall(callId);
    if (!call || call.claimedBy !== user.userId) {
      throw new DomainError('CALL_NOT_FOUND', 'You have no such call.');
    }
    if (call.state !== 'claimed' || call.answeredAt === null) {
      throw new DomainError('CALL_NOT_IN_PROGRESS', 'This call is not in progress.');
    }
    return call;
  }

  /** 保留: the caller leaves the conversation for the hold message; my softphone's leg ends. */
  async hold(user: AuthUser, callId: string): Promise<void> {
    const call = await this.myCallInProgress(user, callId);
    if (call.onHold) throw new DomainError('CALL_ALREADY_ON_HOLD', 'The caller is already on hold.');
    const held = await this.db.transaction((em) => this.desks.setHold(callId, user.userId, true, em));
    if (!held) throw new DomainError('CALL_ALREADY_ON_HOLD', 'The caller is already on hold.');
    const url = webhookUrl(
      this.config.telephony.publicBaseUrl,
      `${TELEPHONY_PATHS.onHold}?callId=${encodeURIComponent(callId)}`,
    );
    const outcome = await this.act(
      () => this.telephony.redirect(call.callSid, url),
      async () => {
        await this.db.transaction((em) => this.desks.setHold(callId, user.userId, false, em));
      },
    );
    if (outcome === 'gone') {
      await this.db.transaction((em) => this.desks.setHold(callId, user.userId, false, em));
      throw new DomainError('CALL_NOT_IN_PROGRESS', 'The caller has already hung up.');
    }
    await this.desks.event(callId, user.userId, 'hold', null);
    await this.operatorCalls.publish('call.hold', await this.operatorCalls.describe(held));
  }

  /** Back from hold: my softphone rings again for this call and picks up by itself. */
  async resume(user: AuthUser, callId: string): Promise<void> {
    const call = await this.myCallInProgress(user, callId);
    if (!call.onHold) throw new DomainError('CALL_NOT_ON_HOLD', 'The caller is not on hold.');
    const query = new URLSearchParams({ callId, offerId: call.offerId ?? '', resume: '1' }).toString();
    const url = webhookUrl(this.config.telephony.publicBaseUrl, `${TELEPHONY_PATHS.connect}?${query}`);
    const outcome = await this.act(() => this.telephony.redirect(call.callSid, url));
    if (outcome === 'gone') throw new DomainError('CALL_NOT_IN_PROGRESS', 'The caller has already hung up.');
  }

  /** I end the call (also while the caller is on hold); wrap-up starts at once. */
  async hangUp(user: AuthUser, callId: string): Promise<void> {
    const call = await this.myCallInProgress(user, callId);
    await this.desks.event(callId, user.userId, 'operator_hung_up', null);
    const desk = await this.desks.startWrapUp(user.userId, callId, this.config.desk.wrapUpSeconds);
    if (desk) await this.views.publishDesk(user.userId);
    await this.act(() => this.telephony.hangUp(call.callSid));
  }

  /** Admins: offer a waiting call to an operator of their choice. */
  async assign(callId: string, operatorId: string): Promise<void> {
    await this.dispatcher.offerByHand(callId, operatorId);
  }

  /** A provider call, with its outage as 503 problem+json (after undoing what was prepared). */
  private async act<T>(work: () => Promise<T>, undo?: () => Promise<unknown>): Promise<T> {
    try {
      return await work();
    } catch (err) {
      this.log.warn({ err: (err as Error).message }, 'telephony provider call failed');
      await undo?.();
      throw new DomainError('TELEPHONY_UNAVAILABLE', 'The telephony provider cannot be reached. Try again.');
    }
  }
}
