import { Injectable, Logger } from '@nestjs/common';
import { inquiryDisplayFromJson, type InquiryDisplayJson } from '../../inquiries/inquiry-read.service';
import { notificationDeliverySeconds } from '../../../observability/metrics';
import { ChatworkDeliveryChannel } from './channels/chatwork.channel';
import { EmailChannel } from './channels/email.channel';
import { EndpointChannel } from './channels/endpoint.channel';
import {
  outcomeOfError,
  permanentFailure,
  type NotificationChannel,
  type SendOutcome,
} from './channels/notification-channel';
import { attemptVerdict } from './attempt-verdict';
import { DeliveriesRepository } from './deliveries.repository';
import type { DeliveryChannel } from './notification-delivery.entity';

/** Where the attempt stands in its job: the job's own attempts, and the fan-out's inquiry copy. */
export interface AttemptContext {
  /** Attempts the job made before this one. */
  attemptsMade: number;
  /** The job's attempts in all. */
  attempts: number;
  /** The fan-out's copy of the inquiry (the job's data), if any. */
  inquiry?: InquiryDisplayJson;
}

/**
 * What one attempt came to, for the processor to tell BullMQ:
 * `sent`; `already-sent` / `gone` (nothing to do); `retry` (at `at`, else on the back-off; the
 * row says `retrying`); `failed` (the row says `failed`: the last attempt, or `permanent`).
 */
export type DeliveryResult =
  | { outcome: 'sent' | 'already-sent' | 'gone' }
  | { outcome: 'retry'; reason: string; at: Date | null }
  | { outcome: 'failed'; reason: string; permanent: boolean };

/**
 * One attempt of one delivery (R6.4), whatever its channel: claims the row (one statement that
 * also reads the endpoint or the Chatwork link), hands it to the channel's adapter
 * (channels/*.channel.ts, one NotificationChannel each) and records the outcome: `sent`,
 * `retrying` with the error, or `failed` after the last attempt or on a permanent refusal.
 * (DeliveriesService, beside it, creates deliveries and shows them; this one sends them.)
 */
@Injectable()
export class DeliveryService {
  private readonly log = new Logger('notify');
  private readonly byChannel: Record<DeliveryChannel, NotificationChannel>;

  constructor(
    private readonly deliveries: DeliveriesRepository,
    email: EmailChannel,
    chatwork: ChatworkDeliveryChannel,
    endpoint: EndpointChannel,
  ) {
    this.byChannel = { email, chatwork, webhook: endpoint, slack: endpoint, teams: endpoint };
  }

  async deliver(deliveryId: string, job: AttemptContext): Promise<DeliveryResult> {
    const claim = await this.deliveries.claim(deliveryId);
    if (!claim) return { outcome: 'gone' };
    const delivery = claim.delivery;
    if (!delivery) return { outcome: 'already-sent' };
    // An attempt that never recorded its outcome (its worker died) or timed out may have gone out.
    const maybeSent =
      claim.previous.attempts > 0 &&
      (claim.previous.status === 'sending' || claim.previous.status === 'retrying');
    // The fan-out's copy of the inquiry serves the first attempt; any later one reads it afresh.
    const snapshot =
      job.inquiry && claim.previous.attempts === 0 && job.attemptsMade === 0
        ? inquiryDisplayFromJson(job.inquiry)
        : null;
    const channel = this.byChannel[delivery.channel];
    let outcome: SendOutcome;
    try {
      outcome = channel
        ? await channel.send({ delivery, claim, maybeSent, snapshot })
        : permanentFailure(`channel ${delivery.channel} is not supported yet`);
    } catch (err) {
      outcome = outcomeOfError(err);
    }

    const verdict = attemptVerdict(outcome, job.attemptsMade, job.attempts);
    switch (verdict.verdict) {
      case 'sent':
        // A success resets the endpoint's failures in a row (R6.3) in the same statement (the
        // claim read an endpoint only for a webhook, Slack or Teams delivery).
        await this.deliveries.markSent(delivery.id, claim.endpoint?.id ?? null);
        this.log.log({ deliveryId: delivery.id, channel: delivery.channel }, 'delivery sent');
        notificationDeliverySeconds.observe(
          { channel: delivery.channel },
          (Date.now() - delivery.createdAt.getTime()) / 1000,
        );
        return { outcome: 'sent' };
      case 'retry-at':
        await this.deliveries.markFailedAttempt(delivery.id, 'retrying', verdict.reason);
        return { outcome: 'retry', reason: verdict.reason, at: verdict.at };
      case 'retry':
      case 'failed': {
        const final = verdict.verdict === 'failed';
        await this.deliveries.markFailedAttempt(delivery.id, final ? 'failed' : 'retrying', verdict.reason);
        this.log.warn(
          {
            deliveryId: delivery.id,
            channel: delivery.channel,
            attempt: delivery.attempts,
            error: verdict.reason,
          },
          final ? 'delivery failed' : 'delivery not sent, will retry',
        );
        if (!final) return { outcome: 'retry', reason: verdict.reason, at: null };
        await channel?.finallyFailed?.(delivery);
        return { outcome: 'failed', reason: verdict.reason, permanent: verdict.permanent };
      }
      default: {
        const unreachable: never = verdict;
        throw new Error(`unknown verdict ${JSON.stringify(unreachable)}`);
      }
    }
  }
}
