import type { TestApp } from './test-app';

/**
 * A customer's webhook / Slack / Teams endpoint, created through POST /webhook-endpoints as the
 * notification tests need one (the route's own checks — validation, who may call, the secret
 * shown once — are webhooks.e2e-spec.ts's).
 */
export interface EndpointSeed {
  kind: 'webhook' | 'slack' | 'teams';
  url: string;
  /** default: the API's (every event) */
  events?: string[];
  description?: string;
}

export interface CreatedEndpoint {
  id: string;
  /** the signing secret, shown once (webhooks only) */
  secret: string | null;
}

export async function createEndpoint(
  t: TestApp,
  token: string,
  seed: EndpointSeed,
): Promise<CreatedEndpoint> {
  const res = await t
    .http()
    .post('/api/v1/webhook-endpoints')
    .set('authorization', `Bearer ${token}`)
    .send(seed)
    .expect(201);
  return { id: res.body.id as string, secret: (res.body.secret as string | undefined) ?? null };
}
