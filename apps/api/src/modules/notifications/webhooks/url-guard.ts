import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP } from 'node:net';

/**
 * SSRF guard for customer-configured URLs (security checklist S7, OWASP API7): a URL may only point
 * at public internet addresses. Checked when the URL is saved and again when it is called (the
 * address the socket connects to is the one checked: see `guardedLookup`), so a DNS answer that
 * changes between the two (rebinding) cannot reach an internal service.
 */
export type EndpointKind = 'webhook' | 'slack' | 'teams';

export const URL_REFUSAL_REASONS = [
  'invalid_url',
  'scheme_not_allowed',
  'credentials_not_allowed',
  'host_not_allowed',
  'metadata_host',
  'unresolvable',
  'loopback_address',
  'private_address',
  'link_local_address',
  'reserved_address',
] as const;
export type UrlRefusalReason = (typeof URL_REFUSAL_REASONS)[number];

export class UrlRefusedError extends Error {
  constructor(
    readonly reason: UrlRefusalReason,
    message: string,
  ) {
    super(message);
    this.name = 'UrlRefusedError';
  }
}

export interface UrlGuardOptions {
  /** Development and tests only (`WEBHOOK_ALLOW_LOOPBACK`): http, and 127.0.0.1 / ::1. Never private ranges. */
  allowLoopback: boolean;
  /** Resolves a host name to every address (injected in tests). */
  resolve?: Resolver;
}

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) =>
  new Promise((resolve, reject) =>
    dnsLookup(host, { all: true, verbatim: true }, (err, addresses) =>
      err ? reject(err) : resolve(addresses),
    ),
  );

/** Cloud metadata services by name (their addresses fall in link-local or CGNAT ranges anyway). */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.com',
  'instance-data',
  'instance-data.ec2.internal',
]);

/** Slack incoming webhooks. */
const SLACK_HOST = /^hooks\.slack\.com$/;
/** Teams: Office 365 connectors (`*.webhook.office.com`) and Workflows / Power Automate (`*.logic.azure.com`). */
const TEAMS_HOST = /^([a-z0-9-]+\.)+(webhook\.office\.com|logic\.azure\.com)$/;

type Classification = 'public' | 'loopback' | 'private' | 'link_local' | 'reserved';

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}

function inV4(n: number, base: string, bits: number): boolean {
  const size = 2 ** (32 - bits);
  const start = ipv4ToInt(base);
  return n >= start && n < start + size;
}

export function classifyIPv4(ip: string): Classification {
  const n = ipv4ToInt(ip);
  if (inV4(n, '127.0.0.0', 8)) return 'loopback';
  if (inV4(n, '10.0.0.0', 8) || inV4(n, '172.16.0.0', 12) || inV4(n, '192.168.0.0', 16)) return 'private';
  if (inV4(n, '100.64.0.0', 10)) return 'private'; // CGNAT (also Alibaba's metadata 100.100.100.200)
  if (inV4(n, '169.254.0.0', 16)) return 'link_local'; // also 169.254.169.254, the metadata service
  if (
    inV4(n, '0.0.0.0', 8) || // "this network", 0.0.0.0
    inV4(n, '192.0.0.0', 24) || // IETF protocol assignments
    inV4(n, '192.0.2.0', 24) ||
    inV4(n, '198.51.100.0', 24) ||
    inV4(n, '203.0.113.0', 24) || // documentation
    inV4(n, '198.18.0.0', 15) || // benchmarking
    inV4(n, '224.0.0.0', 4) || // multicast
    inV4(n, '240.0.0.0', 4) // reserved, broadcast
  ) {
    return 'reserved';
  }
  return 'public';
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail expanded). */
function ipv6Groups(ip: string): number[] {
  let s = ip.toLowerCase().split('%')[0];
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = ipv4ToInt(v4[1]);
    s = s.slice(0, -v4[1].length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = s.includes('::') ? s.split('::') : [s, undefined];
  const h = head ? head.split(':') : [];
  const t = tail !== undefined ? (tail ? tail.split(':') : []) : [];
  const fill = tail !== undefined ? 8 - h.length - t.length : 0;
  return [...h, ...Array<string>(fill).fill('0'), ...t].map((g) => parseInt(g || '0', 16));
}

export function classifyIPv6(ip: string): Classification {
  const g = ipv6Groups(ip);
  const embeddedV4 = () => `${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 8)) return 'reserved'; // ::
  if (zeros(0, 7) && g[7] === 1) return 'loopback'; // ::1
  if (zeros(0, 5) && g[5] === 0xffff) return classifyIPv4(embeddedV4()); // ::ffff:a.b.c.d (mapped)
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return classifyIPv4(embeddedV4()); // ::ffff:0:a.b.c.d
  if (zeros(0, 6)) return classifyIPv4(embeddedV4()); // ::a.b.c.d (deprecated compatible form)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return classifyIPv4(embeddedV4()); // NAT64
  if (g[0] === 0x2002) {
    // 6to4 carries an IPv4 address in groups 1-2
    const v4 = `${g[1] >> 8}.${g[1] & 0xff}.${g[2] >> 8}.${g[2] & 0xff}`;
    const c = classifyIPv4(v4);
    if (c !== 'public') return c;
  }
  if ((g[0] & 0xffc0) === 0xfe80) return 'link_local'; // fe80::/10
  if ((g[0] & 0xfe00) === 0xfc00) return 'private'; // fc00::/7 unique-local (also fd00:ec2::254)
  if ((g[0] & 0xffc0) === 0xfec0) return 'private'; // fec0::/10 old site-local
  if ((g[0] & 0xff00) === 0xff00) return 'reserved'; // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return 'reserved'; // documentation
  if (g[0] === 0x0100 && zeros(1, 4)) return 'reserved'; // discard-only 100::/64
  return 'public';
}

export function classifyAddress(address: string): Classification {
  const family = isIP(address);
  if (family === 4) return classifyIPv4(address);
  if (family === 6) return classifyIPv6(address);
  return 'reserved';
}

const REFUSAL_OF: Record<Exclude<Classification, 'public'>, UrlRefusalReason> = {
  loopback: 'loopback_address',
  private: 'private_address',
  link_local: 'link_local_address',
  reserved: 'reserved_address',
};

/** Throws unless `address` may be connected to (loopback only when allowed, and then only 127.0.0.1 / ::1). */
export function assertAddressAllowed(address: string, allowLoopback: boolean): void {
  const c = classifyAddress(address);
  if (c === 'public') return;
  if (c === 'loopback' && allowLoopback && (address === '127.0.0.1' || address === '::1')) return;
  throw new UrlRefusedError(REFUSAL_OF[c], `the URL points at a ${c.replace('_', '-')} address (${address})`);
}

/**
 * Checks a URL for an endpoint of `kind`: scheme, no credentials, the provider's host for Slack and
 * Teams, and every address the host resolves to. Returns the parsed URL and the checked addresses.
 */
export async function checkUrl(
  raw: string,
  kind: EndpointKind,
  opts: UrlGuardOptions,
): Promise<{ url: URL; addresses: string[] }> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new UrlRefusedError('invalid_url', 'not a valid absolute URL');
  }
  const httpAllowed = opts.allowLoopback;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && httpAllowed)) {
    throw new UrlRefusedError('scheme_not_allowed', 'the URL must start with https://');
  }
  if (url.username || url.password) {
    throw new UrlRefusedError('credentials_not_allowed', 'the URL must not contain a user name or password');
  }
  const host = url.hostname
    .replace(/^\[|\]$/g, '')
    .replace(/\.$/, '')
    .toLowerCase();
  if (METADATA_HOSTS.has(host) || host.endsWith('.internal')) {
    throw new UrlRefusedError('metadata_host', `the host ${host} is not reachable from the internet`);
  }
  const literal = isIP(host) !== 0;
  let addresses: string[];
  if (literal) {
    addresses = [host];
  } else {
    let found: { address: string }[];
    try {
      found = await (opts.resolve ?? systemResolver)(host);
    } catch {
      throw new UrlRefusedError('unresolvable', `the host ${host} cannot be resolved`);
    }
    if (found.length === 0) throw new UrlRefusedError('unresolvable', `the host ${host} cannot be resolved`);
    addresses = found.map((a) => a.address);
  }
  for (const address of addresses) assertAddressAllowed(address, opts.allowLoopback);

  const isLoopbackTarget = addresses.every((a) => classifyAddress(a) === 'loopback');
  if (kind !== 'webhook' && !(opts.allowLoopback && isLoopbackTarget)) {
    const ok = kind === 'slack' ? SLACK_HOST.test(host) : TEAMS_HOST.test(host);
    if (!ok || url.protocol !== 'https:') {
      throw new UrlRefusedError(
        'host_not_allowed',
        kind === 'slack'
          ? 'a Slack URL must start with https://hooks.slack.com/'
          : 'a Teams URL must be an https://….webhook.office.com/ or https://….logic.azure.com/ address',
      );
    }
  }
  return { url, addresses };
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/**
 * A `lookup` for http(s).request: resolves like dns.lookup, then refuses the connection unless every
 * address is allowed, so the socket only ever reaches an address that was checked.
 */
export function guardedLookup(allowLoopback: boolean) {
  return (
    hostname: string,
    options: { all?: boolean; family?: number } | number,
    callback: LookupCallback,
  ) => {
    const all = typeof options === 'object' && options.all === true;
    dnsLookup(hostname, { all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, all ? [] : '', 0);
      try {
        if (addresses.length === 0) throw new UrlRefusedError('unresolvable', `${hostname} has no address`);
        for (const a of addresses) assertAddressAllowed(a.address, allowLoopback);
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, all ? [] : '', 0);
      }
      if (all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
