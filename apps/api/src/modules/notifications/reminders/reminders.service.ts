import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DatabaseService } from '../../../database/database.service';
import { QueueName, type NotifyJobData, type NotifyJobName } from '../../../queues/queue-names';
import { InquiryReadService, type InquiryDisplay } from '../../inquiries/inquiry-read.service';
import type { OutboxPayload } from '../../../outbox/events';
import { DeliveriesRepository } from '../deliveries/deliveries.repository';
import { DeliveriesService } from '../deliveries/deliveries.service';
import { ReminderSettings } from './reminder-settings.entity';
import { DEFAULT_REMINDER_MINUTES, type ReminderSettingsDto } from './reminders.dto';

/** Reminders go to the channels that can show them to people; webhooks get status events instead. */
const REMINDER_CHANNELS = new Set(['email', 'chatwork', 'slack', 'teams']);

export const remindJobId = (inquiryId: string) => `remind-${inquiryId}`;

export type RemindOutcome = 'reminded' | 'handled' | 'not-needed' | 'gone';

/**
 * R8.2: a 折り返し必要 inquiry still unhandled after the account's set time (default 2 hours) is
 * sent again, marked as a reminder, to the channels and targets that heard of it (so routing rules
 * apply to reminders too). Scheduled as one delayed job per inquiry when it is fanned out; the job
 * re-reads the inquiry and does nothing once it is handled. Its deliveries are keyed
 * `reminder:<inquiry>:<channel>:<target>`, so a replay reminds nobody twice.
 */
@Injectable()
export class RemindersService {
  private readonly log = new Logger('reminders');

  constructor(
    private readonly db: DatabaseService,
    private readonly inquiries: InquiryReadService,
    private readonly deliveriesRepo: DeliveriesRepository,
    private readonly deliveries: DeliveriesService,
    @InjectQueue(QueueName.Notify) private readonly queue: Queue<NotifyJobData, unknown, NotifyJobName>,
  ) {}

  async settings(accountId: string): Promise<ReminderSettingsDto> {
    const row = await this.db.repository(ReminderSettings).findOneBy({ accountId });
    return {
      callbackReminderMinutes: row?.callbackReminderMinutes ?? DEFAULT_REMINDER_MINUTES,
      isDefault: !row,
    };
  }

  /** Applies to inquiries received from now on; reminders already scheduled keep their time. */
  async updateSettings(accountId: string, minutes: number): Promise<ReminderSettingsDto> {
    await this.db
      .repository(ReminderSettings)
      .upsert({ accountId, callbackReminderMinutes: minutes }, ['accountId']);
    return this.settings(accountId);
  }

  /** After the fan-out of a new inquiry: the reminder's delayed job, when a call back is needed. */
  async schedule(
    payload: OutboxPayload<'inquiry.created'>,
    now = new Date(),
    /** The inquiry when the caller has just read it (the fan-out). */
    read?: InquiryDisplay | null,
  ): Promise<boolean> {
    const inquiry =
      read === undefined ? await this.inquiries.display(payload.inquiryId, payload.accountId) : read;
    if (!inquiry || !inquiry.callbackRequired || inquiry.status !== 'unhandled') return false;
    const { callbackReminderMinutes } = await this.settings(inquiry.accountId);
    if (callbackReminderMinutes === 0) return false;
    const due = inquiry.receivedAt.getTime() + callbackReminderMinutes * 60_000;
    await this.queue.add(
      'remind',
      { inquiryId: inquiry.id, accountId: inquiry.accountId },
      {
        jobId: remindJobId(inquiry.id),
        delay: Math.max(0, due - now.getTime()),
        attempts: 5,
        backoff: { type: 'exponential', delay: 5000 },
        removeOnComplete: { count: 1000 },
      },
    );
    return true;
  }

  /** The delayed job: remind when the inquiry still waits for its call back. */
  async remind(accountId: string, inquiryId: string): Promise<RemindOutcome> {
    const inquiry = await this.inquiries.display(inquiryId, accountId);
    if (!inquiry) return 'gone';
    if (!inquiry.callbackRequired) return 'not-needed';
    if (inquiry.status !== 'unhandled') return 'handled';
    const targets = (await this.deliveriesRepo.creationTargets(accountId, inquiryId)).filter((t) =>
      REMINDER_CHANNELS.has(t.channel),
    );
    const queued = await this.deliveries.insertAndEnqueue(
      targets.map((t) => ({ accountId, inquiryId, channel: t.channel, target: t.target, reminder: true })),
      inquiry,
    );
    this.log.log({ inquiryId, queued }, 'callback reminder');
    return 'reminded';
  }
}
