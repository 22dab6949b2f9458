import {
  checkUrl,
  classifyAddress,
  guardedLookup,
  UrlRefusedError,
  type Resolver,
  type UrlRefusalReason,
} from './url-guard';

const resolvingTo =
  (...addresses: string[]): Resolver =>
  async () =>
    addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

const strict = (resolve: Resolver) => ({ allowLoopback: false, resolve });

async function refusal(promise: Promise<unknown>): Promise<UrlRefusalReason | 'allowed'> {
  try {
    await promise;
    return 'allowed';
  } catch (err) {
    return (err as { reason: UrlRefusalReason }).reason;
  }
}

describe('a host resolving to a refused range', () => {
  it.each([
    ['127.0.0.1', 'loopback_address'],
    ['127.8.9.10', 'loopback_address'],
    ['::1', 'loopback_address'],
    ['10.1.2.3', 'private_address'],
    ['172.16.0.1', 'private_address'],
    ['172.31.255.254', 'private_address'],
    ['192.168.1.1', 'private_address'],
    ['100.64.0.1', 'private_address'],
    ['100.127.255.255', 'private_address'],
    ['169.254.169.254', 'link_local_address'],
    ['fe80::1', 'link_local_address'],
    ['febf::1', 'link_local_address'],
    ['fc00::1', 'private_address'],
    ['fd12:3456::1', 'private_address'],
    ['0.0.0.0', 'reserved_address'],
    ['::', 'reserved_address'],
    ['::ffff:127.0.0.1', 'loopback_address'],
    ['::ffff:7f00:1', 'loopback_address'],
    ['::ffff:10.0.0.1', 'private_address'],
    ['::ffff:169.254.169.254', 'link_local_address'],
    ['64:ff9b::a00:1', 'private_address'],
    ['2002:c0a8:0101::1', 'private_address'],
    ['224.0.0.1', 'reserved_address'],
  ])('refuses %s (%s)', async (address, reason) => {
    expect(
      await refusal(checkUrl('https://hooks.example.com/x', 'webhook', strict(resolvingTo(address)))),
    ).toBe(reason);
  });

  it('refuses when any one of several addresses is internal', async () => {
    const resolve = resolvingTo('93.184.216.34', '10.0.0.5');
    expect(await refusal(checkUrl('https://mixed.example.com/', 'webhook', strict(resolve)))).toBe(
      'private_address',
    );
  });
});

it('allows a host resolving to public addresses only', async () => {
  const { addresses } = await checkUrl(
    'https://hooks.example.com/bc',
    'webhook',
    strict(resolvingTo('93.184.216.34', '2606:2800:220:1::1')),
  );
  expect(addresses).toEqual(['93.184.216.34', '2606:2800:220:1::1']);
  expect(classifyAddress('172.32.0.1')).toBe('public');
  expect(classifyAddress('100.128.0.1')).toBe('public');
  expect(classifyAddress('::ffff:8.8.8.8')).toBe('public');
});

it('checks IP literals in every notation the URL parser accepts, without resolving', async () => {
  const never: Resolver = () => Promise.reject(new Error('must not resolve'));
  for (const url of [
    'https://127.0.0.1/',
    'https://2130706433/',
    'https://0x7f.1/',
    'https://[::1]/',
    'https://[::ffff:127.0.0.1]/',
    'https://169.254.169.254/latest/meta-data',
    'https://[fd00:ec2::254]/',
    'https://0/',
  ]) {
    expect(await refusal(checkUrl(url, 'webhook', strict(never)))).toMatch(/_address$/);
  }
});

it('refuses other schemes, credentials, metadata hosts and unresolvable hosts', async () => {
  const pub = strict(resolvingTo('93.184.216.34'));
  expect(await refusal(checkUrl('http://hooks.example.com/', 'webhook', pub))).toBe('scheme_not_allowed');
  expect(await refusal(checkUrl('ftp://hooks.example.com/', 'webhook', pub))).toBe('scheme_not_allowed');
  expect(await refusal(checkUrl('not a url', 'webhook', pub))).toBe('invalid_url');
  expect(await refusal(checkUrl('https://u:p@hooks.example.com/', 'webhook', pub))).toBe(
    'credentials_not_allowed',
  );
  expect(await refusal(checkUrl('https://metadata.google.internal/', 'webhook', pub))).toBe('metadata_host');
  expect(await refusal(checkUrl('https://metadata/', 'webhook', pub))).toBe('metadata_host');
  const failing: Resolver = () => Promise.reject(new Error('ENOTFOUND'));
  expect(await refusal(checkUrl('https://nowhere.invalid/', 'webhook', strict(failing)))).toBe(
    'unresolvable',
  );
});

it('requires the providers’ hosts for Slack and Teams', async () => {
  const pub = strict(resolvingTo('52.1.2.3'));
  expect(await refusal(checkUrl('https://hooks.slack.com/services/T0/B0/x', 'slack', pub))).toBe('allowed');
  expect(await refusal(checkUrl('https://hooks.slack.com.evil.example/services', 'slack', pub))).toBe(
    'host_not_allowed',
  );
  expect(await refusal(checkUrl('https://example.com/services', 'slack', pub))).toBe('host_not_allowed');
  expect(await refusal(checkUrl('https://contoso.webhook.office.com/webhookb2/x', 'teams', pub))).toBe(
    'allowed',
  );
  expect(await refusal(checkUrl('https://prod-01.japaneast.logic.azure.com/workflows/x', 'teams', pub))).toBe(
    'allowed',
  );
  expect(await refusal(checkUrl('https://webhook.office.com.evil.example/x', 'teams', pub))).toBe(
    'host_not_allowed',
  );
  expect(await refusal(checkUrl('https://hooks.slack.com/x', 'teams', pub))).toBe('host_not_allowed');
});

describe('with WEBHOOK_ALLOW_LOOPBACK (local fakes and tests)', () => {
  const loose = (resolve: Resolver) => ({ allowLoopback: true, resolve });

  it('allows http to 127.0.0.1 and ::1, also for Slack and Teams kinds', async () => {
    expect(await refusal(checkUrl('http://127.0.0.1:9999/hook', 'webhook', loose(resolvingTo())))).toBe(
      'allowed',
    );
    expect(await refusal(checkUrl('http://[::1]:9999/hook', 'slack', loose(resolvingTo())))).toBe('allowed');
    expect(await refusal(checkUrl('http://localhost:9999/', 'teams', loose(resolvingTo('127.0.0.1'))))).toBe(
      'allowed',
    );
  });

  it('still refuses private ranges, other loopback addresses and foreign Slack hosts', async () => {
    expect(await refusal(checkUrl('http://10.0.0.1/', 'webhook', loose(resolvingTo())))).toBe(
      'private_address',
    );
    expect(await refusal(checkUrl('http://x.example/', 'webhook', loose(resolvingTo('192.168.0.2'))))).toBe(
      'private_address',
    );
    expect(await refusal(checkUrl('http://127.0.0.2/', 'webhook', loose(resolvingTo())))).toBe(
      'loopback_address',
    );
    expect(
      await refusal(checkUrl('https://example.com/', 'slack', loose(resolvingTo('93.184.216.34')))),
    ).toBe('host_not_allowed');
  });
});

describe('guardedLookup (the address the socket connects to)', () => {
  const lookupOf = (allowLoopback: boolean, all: boolean) =>
    new Promise<{ err: Error | null; address: unknown }>((resolve) =>
      guardedLookup(allowLoopback)('localhost', { all }, (err, address) => resolve({ err, address })),
    );

  it('refuses a name that resolves to loopback unless allowed', async () => {
    const refused = await lookupOf(false, false);
    expect(refused.err).toBeInstanceOf(UrlRefusedError);
    expect((refused.err as UrlRefusedError).reason).toBe('loopback_address');
    expect((await lookupOf(false, true)).err).toBeInstanceOf(UrlRefusedError);
  });

  it('answers in the shape asked for (one address, or all for happy eyeballs)', async () => {
    const one = await lookupOf(true, false);
    if (one.err) return; // localhost resolving to another loopback address than 127.0.0.1/::1: nothing to check
    expect(['127.0.0.1', '::1']).toContain(one.address);
    const all = await lookupOf(true, true);
    expect(Array.isArray(all.address)).toBe(true);
  });
});
