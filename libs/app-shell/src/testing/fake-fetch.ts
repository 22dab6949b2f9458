// A fake server for tests: a plain fetch function answering from a route table. The real
// client (openapi-fetch + our auth wrapper) runs on top of it, so requests are real Requests.

export type FakeHandler = (request: Request, body: unknown) => Response | Promise<Response>;
/** Keys are 'METHOD /path', e.g. 'POST /api/v1/auth/login'. */
export type FakeRoutes = Record<string, FakeHandler | FakeHandler[]>;

export type FakeCall = { key: string; body: unknown; authorization: string | null };

export type FakeFetch = typeof fetch & {
  calls: FakeCall[];
  callsTo: (key: string) => FakeCall[];
  unhandled: string[];
};

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json', ...headers },
  });
}

export function problem(
  status: number,
  code: string,
  extra: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Response {
  return new Response(
    JSON.stringify({
      type: `https://errors.businesscall.test/${code.toLowerCase()}`,
      title: 'Problem title from the API (never shown)',
      status,
      detail: 'English detail from the API (never shown)',
      code,
      traceId: 'trace-test',
      ...extra,
    }),
    { status, headers: { 'content-type': 'application/problem+json', ...headers } },
  );
}

export const noContent = (): Response => new Response(null, { status: 204 });

/**
 * A handler list answers successive calls in order (the last one repeats), so a test can say
 * "401 first, then 200".
 */
export function createFakeFetch(routes: FakeRoutes): FakeFetch {
  const calls: FakeCall[] = [];
  const unhandled: string[] = [];
  const fake = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = input instanceof Request ? input : new Request(input, init);
    const key = `${request.method} ${new URL(request.url).pathname}`;
    const text = await request.clone().text();
    const body: unknown = text ? JSON.parse(text) : undefined;
    const seen = calls.filter((call) => call.key === key).length;
    calls.push({ key, body, authorization: request.headers.get('authorization') });
    const entry = routes[key];
    const handler = Array.isArray(entry) ? entry[Math.min(seen, entry.length - 1)] : entry;
    if (!handler) {
      unhandled.push(key);
      return problem(500, 'NOT_FAKED');
    }
    return handler(request, body);
  };
  return Object.assign(fake, {
    calls,
    callsTo: (key: string) => calls.filter((call) => call.key === key),
    unhandled,
  }) as FakeFetch;
}
