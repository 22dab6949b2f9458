import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { generateOpenApiJson, OPENAPI_PATH } from '../../scripts/generate-openapi';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

describe('errors', () => {
  it('answers an unknown route with a 404 problem', async () => {
    const res = await t.http().get('/api/v1/no-such-thing').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toEqual({
      type: 'urn:businesscall:problem:not-found',
      title: 'Not found',
      status: 404,
      detail: expect.any(String),
      code: 'NOT_FOUND',
      instance: '/api/v1/no-such-thing',
      traceId: res.headers['x-request-id'],
    });
  });

  it('answers a route that is neither public nor given roles with 401 first', async () => {
    await t.http().get('/api/v1/me').expect(401);
  });
});

describe('request ids', () => {
  it('echoes a caller-given x-request-id, or makes one up', async () => {
    const given = await t.http().get('/api/v1/health/live').set('x-request-id', 'abc-123').expect(200);
    expect(given.headers['x-request-id']).toBe('abc-123');
    const made = await t
      .http()
      .get('/api/v1/health/live')
      .set('x-request-id', 'bad id with spaces')
      .expect(200);
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('security headers and CORS', () => {
  it("sends helmet's default headers", async () => {
    const res = await t.http().get('/api/v1/health/live');
    expect(res.headers).toMatchObject({
      'strict-transport-security': 'max-age=31536000; includeSubDomains',
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'cross-origin-opener-policy': 'same-origin',
      'x-xss-protection': '0',
    });
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
  });

  it('allows the two apps as origins and no others', async () => {
    for (const origin of ['http://localhost:5173', 'http://localhost:5174']) {
      const ok = await t
        .http()
        .options('/api/v1/auth/login')
        .set('origin', origin)
        .set('access-control-request-method', 'POST');
      expect(ok.headers['access-control-allow-origin']).toBe(origin);
      expect(ok.headers['access-control-allow-credentials']).toBe('true');
    }
    const evil = await t
      .http()
      .options('/api/v1/auth/login')
      .set('origin', 'https://evil.example')
      .set('access-control-request-method', 'POST');
    expect(evil.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('health', () => {
  it('is live and ready when PostgreSQL and Redis answer', async () => {
    await t.http().get('/api/v1/health/live').expect(200, { status: 'ok' });
    await t
      .http()
      .get('/api/v1/health/ready')
      .expect(200, { status: 'ok', checks: { postgres: 'up', redis: 'up' } });
  });
});

describe('API description', () => {
  it('serves the interactive docs and the OpenAPI document', async () => {
    const html = await t.http().get('/api/docs').expect(200);
    expect(html.text).toContain('swagger');
    const json = await t.http().get('/api/docs/openapi.json').expect(200);
    expect(json.body.paths['/api/v1/auth/login']).toBeDefined();
  });

  it('has a committed openapi.json that matches the code (run `pnpm openapi` when this fails)', async () => {
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    expect(await generateOpenApiJson()).toBe(committed);
  });

  it('has a generated client schema that matches openapi.json (run `pnpm openapi` when this fails)', () => {
    const clientDir = resolve(OPENAPI_PATH, '..');
    const fresh = execFileSync(resolve(clientDir, 'node_modules/.bin/openapi-typescript'), ['openapi.json'], {
      cwd: clientDir,
      encoding: 'utf8',
    });
    const committed = readFileSync(resolve(clientDir, 'src/generated/schema.d.ts'), 'utf8');
    expect(fresh.trim()).toBe(committed.trim());
  });
});
