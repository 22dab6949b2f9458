import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebhookEndpointsService } from '../../src/modules/notifications/webhooks/webhook-endpoints.service';
import { startMedium, type MediumContext } from '../support/medium';
import {
  accountWithOwner,
  closeNotifications,
  NOTIFICATION_PROVIDERS,
} from '../support/notifications-medium';

// R6.3: which URLs an endpoint may have, as production has it (no WEBHOOK_ALLOW_LOOPBACK) — no
// plain http, no loopback, private, link-local, reserved or metadata address; Slack and Teams on
// their own hosts only; a stored internal URL never called — against WebhookEndpointsService.
// The guard's address arithmetic alone is url-guard.spec; the 422 of the route is webhooks.e2e-spec's.

let m: MediumContext;
let endpoints: WebhookEndpointsService;
let receiver: Server;
let port = 0;
let hits = 0;

beforeAll(async () => {
  receiver = createServer((req, res) => {
    hits++;
    req.resume();
    res.writeHead(200).end('ok');
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
  m = await startMedium({ providers: NOTIFICATION_PROVIDERS });
  endpoints = m.get(WebhookEndpointsService);
});
afterAll(async () => {
  await closeNotifications(m);
  await new Promise((resolve) => receiver?.close(resolve));
});

const storedFor = (accountId: string) =>
  m.sql(`SELECT id FROM webhook_endpoints WHERE account_id = $1`, [accountId]);

describe('without WEBHOOK_ALLOW_LOOPBACK (as in production)', () => {
  it.each([
    ['http://hooks.example.com/x', 'scheme_not_allowed'],
    [`http://127.0.0.1:1234/x`, 'scheme_not_allowed'],
    ['https://127.0.0.1/x', 'loopback_address'],
    ['https://localhost/x', 'loopback_address'],
    ['https://[::1]/x', 'loopback_address'],
    ['https://[::ffff:127.0.0.1]/x', 'loopback_address'],
    ['https://10.0.0.1/x', 'private_address'],
    ['https://172.16.5.4/x', 'private_address'],
    ['https://192.168.1.10/x', 'private_address'],
    ['https://100.64.0.1/x', 'private_address'],
    ['https://169.254.169.254/latest/meta-data', 'link_local_address'],
    ['https://[fe80::1]/x', 'link_local_address'],
    ['https://[fd00::1]/x', 'private_address'],
    ['https://0.0.0.0/x', 'reserved_address'],
    ['https://metadata.google.internal/x', 'metadata_host'],
  ])('refuses %s (%s) on /body/url and stores nothing', async (url, reason) => {
    const team = await accountWithOwner(m);
    await expect(
      endpoints.create(team.accountId, team.ownerId, { kind: 'webhook', url, events: ['inquiry.created'] }),
    ).rejects.toMatchObject({
      code: 'WEBHOOK_URL_NOT_ALLOWED',
      options: { fieldErrors: [expect.objectContaining({ pointer: '/body/url', code: reason })] },
    });
    expect(await storedFor(team.accountId)).toEqual([]);
  });

  it('refuses Slack and Teams URLs on other hosts', async () => {
    const team = await accountWithOwner(m);
    await expect(
      endpoints.create(team.accountId, team.ownerId, { kind: 'slack', url: 'https://127.0.0.1/services/x' }),
    ).rejects.toMatchObject({
      options: { fieldErrors: [expect.objectContaining({ pointer: '/body/url' })] },
    });
    await expect(
      endpoints.create(team.accountId, team.ownerId, { kind: 'teams', url: 'https://1.1.1.1/webhookb2/x' }),
    ).rejects.toMatchObject({
      options: { fieldErrors: [expect.objectContaining({ pointer: '/body/url', code: 'host_not_allowed' })] },
    });
    expect(await storedFor(team.accountId)).toEqual([]);
  });

  it('checks the URL again when sending (a stored internal URL is never called)', async () => {
    const team = await accountWithOwner(m);
    const [row] = await m.sql<{ id: string }>(
      `INSERT INTO webhook_endpoints (account_id, kind, url, events) VALUES ($1, 'slack', $2, '{inquiry.created}') RETURNING id`,
      [team.accountId, `http://127.0.0.1:${port}/hooks/bc`],
    );
    await expect(endpoints.test(team.accountId, row!.id)).rejects.toMatchObject({
      code: 'WEBHOOK_URL_NOT_ALLOWED',
    });
    expect(hits).toBe(0);
  });
});
