import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeliveryService } from '../../src/modules/notifications/deliveries/delivery.service';
import type { MailJobData } from '../../src/modules/notifications/mail.types';
import { renderMail } from '../../src/modules/notifications/templates';
import { WebhookEndpointsService } from '../../src/modules/notifications/webhooks/webhook-endpoints.service';
import { startMedium, type MediumContext } from '../support/medium';
import {
  accountWithOwner,
  closeNotifications,
  DELIVERY_PROVIDERS,
  fannedOutInquiry,
  queuedMails,
  type Team,
} from '../support/notifications-medium';

// R6.3, R6.4: what a delivery's final outcome does to its endpoint — a refusal (4xx but 408/429)
// fails at once and counts; the 5th failure in a row disables the endpoint and mails the owner
// once; a success resets the count — through DeliveryService and the endpoint adapter posting to
// a real HTTP receiver on 127.0.0.1. Retries on the queue and the same event id across them are
// notifications-webhooks.e2e-spec's.

let m: MediumContext;
let endpoints: WebhookEndpointsService;
let deliveries: DeliveryService;
let receiver: Server;
let port = 0;
const hits: string[] = [];
/** Per path, the status the receiver answers (default 200). */
const answers = new Map<string, number>();

beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      hits.push(req.url ?? '/');
      res.writeHead(answers.get(req.url ?? '/') ?? 200).end('ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  m = await startMedium({ providers: DELIVERY_PROVIDERS, env: { WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  endpoints = m.get(WebhookEndpointsService);
  deliveries = m.get(DeliveryService);
});
afterAll(async () => {
  await closeNotifications(m);
  await new Promise((resolve) => receiver?.close(resolve));
});

let seq = 0;
async function endpoint(team: Team, kind: 'webhook' | 'slack', status: number, description = '') {
  const path = `/hooks/${kind}/${++seq}`;
  answers.set(path, status);
  const created = await endpoints.create(team.accountId, team.ownerId, {
    kind,
    url: `http://127.0.0.1:${port}${path}`,
    description,
    ...(kind === 'webhook' ? { events: ['inquiry.created' as const] } : {}),
  });
  return { id: created.id, path };
}

/** A new inquiry's delivery to the endpoint, tried once as the last of `attempts`. */
async function lastAttempt(team: Team, endpointId: string) {
  const inquiryId = await fannedOutInquiry(m, team.accountId);
  const [row] = await m.sql<{ id: string }>(
    `SELECT id FROM notification_deliveries WHERE inquiry_id = $1 AND target = $2`,
    [inquiryId, endpointId],
  );
  const result = await deliveries.deliver(row!.id, { attemptsMade: 4, attempts: 5 });
  const [delivery] = await m.sql<{ status: string; attempts: number; last_error: string | null }>(
    `SELECT status, attempts, last_error FROM notification_deliveries WHERE id = $1`,
    [row!.id],
  );
  return { result, delivery: delivery! };
}

const endpointRow = async (id: string) =>
  (
    await m.sql<{ consecutive_failures: number; enabled: boolean; disabled_reason: string | null }>(
      `SELECT consecutive_failures, enabled, disabled_reason FROM webhook_endpoints WHERE id = $1`,
      [id],
    )
  )[0]!;

const disabledMails = async (to: string) =>
  (await queuedMails(m, to)).filter((mail) => mail.template === 'webhook-disabled');

describe('a delivery that fails (R6.4)', () => {
  it('fails at once on a 410, on its first attempt, and counts against the endpoint', async () => {
    const team = await accountWithOwner(m);
    const hook = await endpoint(team, 'webhook', 410);
    const inquiryId = await fannedOutInquiry(m, team.accountId);
    const [row] = await m.sql<{ id: string }>(
      `SELECT id FROM notification_deliveries WHERE inquiry_id = $1 AND target = $2`,
      [inquiryId, hook.id],
    );
    const result = await deliveries.deliver(row!.id, { attemptsMade: 0, attempts: 5 });
    expect(result).toMatchObject({ outcome: 'failed', permanent: true });
    const [delivery] = await m.sql<{ status: string; attempts: number; last_error: string }>(
      `SELECT status, attempts, last_error FROM notification_deliveries WHERE id = $1`,
      [row!.id],
    );
    expect(delivery).toMatchObject({ status: 'failed', attempts: 1 });
    expect(delivery!.last_error).toMatch(/410/);
    expect(hits.filter((p) => p === hook.path)).toHaveLength(1);
    expect(await endpointRow(hook.id)).toEqual({
      consecutive_failures: 1,
      enabled: true,
      disabled_reason: null,
    });
  });

  it('disables the endpoint at the 5th failure in a row and mails the owner once', async () => {
    const team = await accountWithOwner(m);
    const hook = await endpoint(team, 'slack', 404, '営業チャンネル');
    await m.sql(`UPDATE webhook_endpoints SET consecutive_failures = 3 WHERE id = $1`, [hook.id]);

    const fourth = await lastAttempt(team, hook.id);
    expect(fourth.delivery).toMatchObject({ status: 'failed' });
    expect(await endpointRow(hook.id)).toMatchObject({ consecutive_failures: 4, enabled: true });
    expect(await disabledMails(team.ownerEmail)).toHaveLength(0);

    await lastAttempt(team, hook.id);
    const ep = await endpointRow(hook.id);
    expect(ep).toMatchObject({ consecutive_failures: 5, enabled: false });
    expect(ep.disabled_reason).not.toBeNull();
    const [mail, ...more] = await disabledMails(team.ownerEmail);
    expect(more).toHaveLength(0);
    const rendered = renderMail((mail as MailJobData<'webhook-disabled'>).template, mail!.data as never, {
      brandName: m.config.brandName,
      webAppUrl: m.config.webAppUrl.replace(/\/+$/, ''),
    });
    expect(rendered.subject).toContain('通知を停止しました');
    expect(rendered.text).toContain('営業チャンネル');
    expect(rendered.text).toContain('/integrations');

    // disabled: the fan-out makes no more deliveries for it, and nobody is mailed again
    const later = await fannedOutInquiry(m, team.accountId);
    const targets = await m.sql<{ target: string }>(
      `SELECT target FROM notification_deliveries WHERE inquiry_id = $1`,
      [later],
    );
    expect(targets.map((t) => t.target)).not.toContain(hook.id);
    expect(await disabledMails(team.ownerEmail)).toHaveLength(1);
  });

  it('counts from zero again after a success', async () => {
    const team = await accountWithOwner(m);
    const hook = await endpoint(team, 'webhook', 200);
    await m.sql(`UPDATE webhook_endpoints SET consecutive_failures = 4 WHERE id = $1`, [hook.id]);
    const sent = await lastAttempt(team, hook.id);
    expect(sent.result).toEqual({ outcome: 'sent' });
    expect(sent.delivery).toMatchObject({ status: 'sent', attempts: 1, last_error: null });
    expect(await endpointRow(hook.id)).toMatchObject({ consecutive_failures: 0, enabled: true });
  });
});
