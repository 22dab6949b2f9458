import { DeliveriesService } from '../../src/modules/notifications/deliveries/deliveries.service';
import { NotificationEmailsService } from '../../src/modules/notifications/recipients/notification-emails.service';
import { RoutingRulesService } from '../../src/modules/notifications/routing/routing-rules.service';
import { WebhookEndpointsService } from '../../src/modules/notifications/webhooks/webhook-endpoints.service';
import { startMedium, type MediumContext } from '../support/medium';
import {
  accountWithOwner,
  closeNotifications,
  deliveryRows,
  fannedOutInquiry,
  insertUser,
  NOTIFICATION_PROVIDERS,
  queuedMails,
  type Team,
} from '../support/notifications-medium';

// Which deliveries a new inquiry gets (R6.1 several addresses, R6.3 endpoints, R8.3 routing
// rules): DeliveriesService.fanOut against its real repositories, asserted on the
// notification_deliveries rows it creates. Whether those rows are then sent — the mail at the SMTP
// sink, the webhook at its receiver, the Chatwork room — is the e2e files' (notifications-*.e2e-spec).

let m: MediumContext;
let emails: NotificationEmailsService;
let rules: RoutingRulesService;
let endpoints: WebhookEndpointsService;

beforeAll(async () => {
  m = await startMedium({ providers: NOTIFICATION_PROVIDERS, env: { WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  emails = m.get(NotificationEmailsService);
  rules = m.get(RoutingRulesService);
  endpoints = m.get(WebhookEndpointsService);
});
afterAll(() => closeNotifications(m));

let seq = 0;

/** Adds an address; with `confirmed`, follows the link it was mailed. Returns its id and address. */
async function notificationAddress(team: Team, confirmed = true): Promise<{ id: string; email: string }> {
  const email = `notify-${++seq}@example.jp`;
  const { id } = await emails.add(team.accountId, team.ownerId, email);
  if (confirmed) await confirmMailed(email);
  return { id, email };
}

/** Follows the confirmation link mailed to `email`. */
async function confirmMailed(email: string): Promise<void> {
  const [mail] = await queuedMails(m, email);
  const url = new URL((mail!.data as { confirmUrl: string }).confirmUrl);
  await emails.confirm(url.searchParams.get('token')!);
}

const byEmail = (...targets: string[]) => targets.sort().map((target) => ({ channel: 'email', target }));

describe('e-mail recipients without a rule (R6.1)', () => {
  it('is the owner while no address is confirmed, then every confirmed address and neither the owner nor a pending one', async () => {
    const team = await accountWithOwner(m);
    const first = await notificationAddress(team, false);
    expect(await deliveryRows(m, await fannedOutInquiry(m, team.accountId))).toEqual(
      byEmail(team.ownerEmail),
    );

    await confirmMailed(first.email);
    const second = await notificationAddress(team);
    await notificationAddress(team, false);
    expect(await deliveryRows(m, await fannedOutInquiry(m, team.accountId))).toEqual(
      byEmail(first.email, second.email),
    );

    // a removed address hears of nothing more
    await emails.remove(team.accountId, second.id);
    expect(await deliveryRows(m, await fannedOutInquiry(m, team.accountId))).toEqual(byEmail(first.email));
  });

  it("is the account's notification e-mail (R1.7) when set and no address is confirmed", async () => {
    const team = await accountWithOwner(m);
    await m.sql(`UPDATE accounts SET notification_email = 'desk@example.jp' WHERE id = $1`, [team.accountId]);
    expect(await deliveryRows(m, await fannedOutInquiry(m, team.accountId))).toEqual(
      byEmail('desk@example.jp'),
    );
  });
});

describe('routing rules (R8.3)', () => {
  it('mails exactly the chosen member and confirmed address of the first matching rule; the order can be changed', async () => {
    const team = await accountWithOwner(m);
    const memberEmail = `member-${++seq}@example.jp`;
    const memberId = await insertUser(m, team.accountId, 'member', memberEmail);
    const desk = await notificationAddress(team);
    const other = await notificationAddress(team);
    const pending = await notificationAddress(team, false);

    const urgentRule = await rules.create(team.accountId, {
      name: '田中宛ての急ぎ',
      forWhomContains: 'タナカ',
      urgent: true,
      channels: ['email'],
      memberIds: [memberId],
      emailAddressIds: [desk.id, pending.id],
    });
    const callbackRule = await rules.create(team.accountId, {
      name: '折り返しは受付へ',
      callbackRequired: true,
      channels: ['email'],
      emailAddressIds: [other.id],
    });
    const callback = { callbackRequired: true, callbackNumber: '090-1111-2222' };

    // half-width kana and 様 still match the rule's タナカ
    const urgent = await fannedOutInquiry(m, team.accountId, {
      forWhom: 'ﾀﾅｶ 様',
      urgent: true,
      ...callback,
    });
    expect(await deliveryRows(m, urgent)).toEqual(byEmail(desk.email, memberEmail));

    // not urgent: the second rule decides
    const later = await fannedOutInquiry(m, team.accountId, { forWhom: '田中様', ...callback });
    expect(await deliveryRows(m, later)).toEqual(byEmail(other.email));

    // the call-back rule first: it wins for the urgent one too
    const reordered = await rules.reorder(team.accountId, { ruleIds: [callbackRule.id, urgentRule.id] });
    expect(reordered.items.map((r) => [r.id, r.priority])).toEqual([
      [callbackRule.id, 1],
      [urgentRule.id, 2],
    ]);
    const third = await fannedOutInquiry(m, team.accountId, { forWhom: 'タナカ', urgent: true, ...callback });
    expect(await deliveryRows(m, third)).toEqual(byEmail(other.email));
  });

  it('falls back to the usual recipients when none of the chosen addresses is confirmed', async () => {
    const team = await accountWithOwner(m);
    const pending = await notificationAddress(team, false);
    await rules.create(team.accountId, {
      name: '未確認の宛先だけ',
      channels: ['email'],
      emailAddressIds: [pending.id],
    });
    expect(await deliveryRows(m, await fannedOutInquiry(m, team.accountId))).toEqual(
      byEmail(team.ownerEmail),
    );
  });

  it('sends a sales call by e-mail only while a normal call also reaches the webhook', async () => {
    const team = await accountWithOwner(m);
    const hook = await endpoints.create(team.accountId, team.ownerId, {
      kind: 'webhook',
      url: 'http://127.0.0.1:9/hooks/sales',
      events: ['inquiry.created'],
    });
    await rules.create(team.accountId, {
      name: '営業電話はメールだけ',
      categories: ['sales'],
      channels: ['email'],
    });
    const sales = await fannedOutInquiry(m, team.accountId, { category: 'sales' });
    const normal = await fannedOutInquiry(m, team.accountId, { category: 'normal' });
    expect(await deliveryRows(m, sales)).toEqual(byEmail(team.ownerEmail));
    expect(await deliveryRows(m, normal)).toEqual([
      ...byEmail(team.ownerEmail),
      { channel: 'webhook', target: hook.id },
    ]);
  });
});

describe('endpoints (R6.3)', () => {
  it('gets a delivery per enabled endpoint subscribed to inquiry.created, none for the unsubscribed or disabled', async () => {
    const team = await accountWithOwner(m);
    const create = (kind: 'webhook' | 'slack' | 'teams', path: string, events?: string[]) =>
      endpoints.create(team.accountId, team.ownerId, {
        kind,
        url: `http://127.0.0.1:9/hooks/${path}`,
        ...(events ? { events: events as never } : {}),
      });
    const invoicesOnly = await create('webhook', 'invoices', ['invoice.issued']);
    const statusOnly = await create('webhook', 'status', ['inquiry.status_changed']);
    const disabled = await create('webhook', 'disabled', ['inquiry.created']);
    await endpoints.update(team.accountId, disabled.id, { enabled: false });
    const control = await create('webhook', 'control', ['inquiry.created']);
    const slack = await create('slack', 'slack');
    const teams = await create('teams', 'teams');

    const inquiryId = await fannedOutInquiry(m, team.accountId);
    expect(await deliveryRows(m, inquiryId)).toEqual(
      [
        ...byEmail(team.ownerEmail),
        { channel: 'slack', target: slack.id },
        { channel: 'teams', target: teams.id },
        { channel: 'webhook', target: control.id },
      ].sort((a, b) => a.channel.localeCompare(b.channel) || a.target.localeCompare(b.target)),
    );
    const targets = (await deliveryRows(m, inquiryId)).map((d) => d.target);
    for (const id of [invoicesOnly.id, statusOnly.id, disabled.id]) expect(targets).not.toContain(id);
  });

  it('creates no second row when the event is handled again', async () => {
    const team = await accountWithOwner(m);
    const inquiryId = await fannedOutInquiry(m, team.accountId);
    const [row] = await m.sql<{ received_at: Date }>(`SELECT received_at FROM inquiries WHERE id = $1`, [
      inquiryId,
    ]);
    await m.get(DeliveriesService).fanOut('again', {
      inquiryId,
      accountId: team.accountId,
      callbackRequired: false,
      urgent: false,
      category: 'normal',
      receivedAt: row!.received_at.toISOString(),
    });
    expect(await deliveryRows(m, inquiryId)).toEqual(byEmail(team.ownerEmail));
  });
});
