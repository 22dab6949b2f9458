import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '../../../config/app.config';
import { AccountsService } from '../../accounts/accounts.service';
import { CallEventsService } from '../call-events.service';
import { OperatorCallsService } from '../operator-calls.service';
import { DeskRepository, PRESENCE_STALE_SECONDS, type Desk } from './desk.repository';
import type { DeskDto, DeskOperatorsDto } from './dto/desk.dto';

/** How a desk reads to its operator (and to admins), and the `desk.changed` push after each change. */
@Injectable()
export class DeskViews {
  constructor(
    private readonly desks: DeskRepository,
    private readonly operatorCalls: OperatorCallsService,
    private readonly accounts: AccountsService,
    private readonly events: CallEventsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  isConnected(desk: Desk, now = Date.now()): boolean {
    return desk.seenAt !== null && now - desk.seenAt.getTime() < PRESENCE_STALE_SECONDS * 1000;
  }

  async toDto(desk: Desk): Promise<DeskDto> {
    const call = desk.currentCallId ? await this.desks.findCall(desk.currentCallId) : null;
    return {
      userId: desk.userId,
      status: desk.status,
      statusSince: desk.statusSince.toISOString(),
      afterCall: desk.afterCall,
      wrapUpUntil: desk.wrapUpUntil?.toISOString() ?? null,
      wrapUpLimitSeconds: this.config.desk.wrapUpSeconds,
      offerTimeoutSeconds: this.config.desk.offerTimeoutSeconds,
      missedOffers: desk.missedOffers,
      connected: this.isConnected(desk),
      call: call ? await this.operatorCalls.describe(call) : null,
      serverTime: new Date().toISOString(),
    };
  }

  async publishDesk(userId: string): Promise<void> {
    const desk = await this.desks.find(userId);
    if (!desk) return;
    await this.events.publish({
      type: 'desk.changed',
      desk: await this.toDto(desk),
      at: new Date().toISOString(),
    });
  }

  /** Every operator's desk, for admins (assigning a call by hand, the wallboard). */
  async operators(): Promise<DeskOperatorsDto> {
    const desks = await this.desks.listAll();
    const names = await this.accounts.userNames(desks.map((d) => d.userId));
    return {
      items: desks.map((d) => ({
        userId: d.userId,
        name: names.get(d.userId) ?? null,
        status: d.status,
        statusSince: d.statusSince.toISOString(),
        connected: this.isConnected(d),
        currentCallId: d.currentCallId,
      })),
    };
  }
}
