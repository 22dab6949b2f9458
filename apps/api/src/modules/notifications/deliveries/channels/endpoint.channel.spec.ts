import type { AppConfig } from '../../../../config/app.config';
import type { OutboxRepository } from '../../../../outbox/outbox.repository';
import type { AccountsService } from '../../../accounts/accounts.service';
import type { InquiryDisplay } from '../../../inquiries/inquiry-read.service';
import type { MailService } from '../../mail.service';
import type { WebhookEndpointsService } from '../../webhooks/webhook-endpoints.service';
import { WebhookSendError, type SendFailure, type WebhookSender } from '../../webhooks/webhook-sender';
import type { ClaimedDelivery, ClaimedEndpoint } from '../deliveries.repository';
import { NotificationDelivery } from '../notification-delivery.entity';
import type { DeliveryInquiries } from './delivery-inquiries';
import { EndpointChannel } from './endpoint.channel';
import { permanentFailure, retryAt, sent, type SendOutcome } from './notification-channel';

const inquiry: InquiryDisplay = {
  id: '0b9c8d7e-1111-4222-8333-444455556666',
  accountId: 'acc',
  receivedAt: new Date('2026-11-25T01:05:00Z'),
  callerName: '佐藤',
  callerCompany: null,
  callerNumberDisplay: '090-0000-0000',
  forWhom: null,
  callbackRequired: false,
  callbackNumberDisplay: null,
  category: 'normal',
  content: '見積もりの件',
  urgent: false,
  status: 'handled',
};

const endpoint: ClaimedEndpoint = {
  id: 'ep',
  kind: 'webhook',
  url: 'https://hooks.example.jp/bc',
  description: '',
  enabled: true,
  disabledReason: null,
  sealedSecret: 'sealed',
};

/** The receiver answers `answer` (an HTTP status, or a failure with no status). */
function channelAnswering(answer: number | SendFailure) {
  const sender = {
    post: async () => {
      if (typeof answer === 'number') return { status: answer, durationMs: 1 };
      throw new WebhookSendError(answer, `the request failed: ${answer}`);
    },
  } as unknown as WebhookSender;
  const endpoints = { secretOf: async () => 'whsec_test' } as unknown as WebhookEndpointsService;
  const inquiries = {
    inquiryOf: async () => inquiry,
    markHandledUrl: () => null,
  } as unknown as DeliveryInquiries;
  return new EndpointChannel(
    { webAppUrl: 'https://app.example.jp/' } as AppConfig,
    endpoints,
    sender,
    {} as OutboxRepository,
    {} as AccountsService,
    {} as MailService,
    inquiries,
  );
}

function attempt(claimed: Partial<ClaimedEndpoint> | null) {
  const delivery = Object.assign(new NotificationDelivery(), {
    id: '11111111-2222-4333-8444-555566667777',
    accountId: 'acc',
    inquiryId: inquiry.id,
    channel: 'webhook',
    kind: 'inquiry_created',
    eventId: null,
    target: 'ep',
    createdAt: new Date('2026-11-25T01:05:01Z'),
  });
  const claim: ClaimedDelivery = {
    previous: { status: 'queued', attempts: 0 },
    delivery,
    endpoint: claimed ? { ...endpoint, ...claimed } : null,
    chatwork: null,
  };
  return { delivery, claim, maybeSent: false, snapshot: null };
}

describe('a webhook delivery attempt (R6.3)', () => {
  it.each<[string, number | SendFailure, SendOutcome]>([
    ['a 2xx is sent', 204, sent()],
    ['a 404 is final', 404, permanentFailure('the receiver answered HTTP 404')],
    ['a 410 is final', 410, permanentFailure('the receiver answered HTTP 410')],
    ['a 408 is tried again', 408, retryAt('the receiver answered HTTP 408')],
    ['a 429 is tried again', 429, retryAt('the receiver answered HTTP 429')],
    ['a 503 is tried again', 503, retryAt('the receiver answered HTTP 503')],
    ['a redirect is tried again', 302, retryAt('the receiver answered HTTP 302')],
    ['a timeout is tried again', 'timeout', retryAt('the request failed: timeout')],
    [
      'a refused connection is tried again',
      'connection_refused',
      retryAt('the request failed: connection_refused'),
    ],
    ['a URL the guard refuses is final', 'url_refused', permanentFailure('the request failed: url_refused')],
  ])('%s', async (_, answer, outcome) => {
    await expect(channelAnswering(answer).send(attempt({}))).resolves.toEqual(outcome);
  });

  it.each<[string, Partial<ClaimedEndpoint> | null, SendOutcome]>([
    ['a deleted endpoint', null, permanentFailure('the notification endpoint was deleted')],
    ['a disabled endpoint', { enabled: false }, permanentFailure('the notification endpoint is disabled')],
    [
      'an endpoint now for Slack',
      { kind: 'slack' },
      permanentFailure('the endpoint is a slack endpoint now'),
    ],
  ])('does not send to %s', async (_, claimed, outcome) => {
    await expect(channelAnswering(204).send(attempt(claimed))).resolves.toEqual(outcome);
  });
});
