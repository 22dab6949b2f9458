import { describe, expect, it } from 'vitest';
import { aSession } from '../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { createAppApi } from '../api';

const ME = 'GET /api/v1/admin/me';
const REFRESH = 'POST /api/v1/admin/auth/refresh';

function meAnswer(validToken: string) {
  return (request: Request) =>
    request.headers.get('authorization') === `Bearer ${validToken}`
      ? json(200, aSession().user)
      : problem(401, 'UNAUTHENTICATED');
}

describe('createAppApi', () => {
  it('refreshes once on a 401 and retries the call with the new token', async () => {
    const fetch = createFakeFetch({
      [ME]: meAnswer('access-2'),
      [REFRESH]: () => json(200, aSession(undefined, 'access-2')),
    });
    const api = createAppApi({ baseUrl: 'http://localhost', fetch });
    api.startSession(aSession(undefined, 'expired'));

    const { data, response } = await api.client.GET('/api/v1/admin/me');

    expect(response.status).toBe(200);
    expect(data).toMatchObject({ name: '佐藤 花子' });
    expect(fetch.calls.map((call) => [call.key, call.authorization])).toEqual([
      [ME, 'Bearer expired'],
      [REFRESH, null],
      [ME, 'Bearer access-2'],
    ]);
  });

  it('shares one refresh between parallel 401s', async () => {
    const fetch = createFakeFetch({
      [ME]: meAnswer('access-2'),
      [REFRESH]: () => json(200, aSession(undefined, 'access-2')),
    });
    const api = createAppApi({ baseUrl: 'http://localhost', fetch });
    api.startSession(aSession(undefined, 'expired'));

    const results = await Promise.all([1, 2, 3].map(() => api.client.GET('/api/v1/admin/me')));

    expect(results.map((result) => result.response.status)).toEqual([200, 200, 200]);
    expect(fetch.callsTo(REFRESH)).toHaveLength(1);
  });

  it('ends the session when the refresh is refused', async () => {
    const fetch = createFakeFetch({
      [ME]: meAnswer('never'),
      [REFRESH]: () => problem(401, 'UNAUTHENTICATED'),
    });
    const api = createAppApi({ baseUrl: 'http://localhost', fetch });
    api.startSession(aSession(undefined, 'expired'));

    const { response } = await api.client.GET('/api/v1/admin/me');

    expect(response.status).toBe(401);
    expect(api.getState()).toEqual({ status: 'signed-out', user: null });
    expect(fetch.callsTo(ME)).toHaveLength(1);
  });

  it('restores the session with a single request however often it is asked', async () => {
    const fetch = createFakeFetch({ [REFRESH]: () => json(200, aSession()) });
    const api = createAppApi({ baseUrl: 'http://localhost', fetch });
    expect(api.getState().status).toBe('restoring');

    const [first, second] = await Promise.all([api.restoreSession(), api.restoreSession()]);
    await api.restoreSession();

    expect(first).toEqual(second);
    expect(fetch.callsTo(REFRESH)).toHaveLength(1);
    expect(api.getState()).toMatchObject({ status: 'signed-in', user: { name: '佐藤 花子' } });
  });

  it('treats a network failure during refresh as signed out', async () => {
    const api = createAppApi({
      baseUrl: 'http://localhost',
      fetch: () => Promise.reject(new TypeError('Failed to fetch')),
    });
    await expect(api.restoreSession()).resolves.toBeNull();
    expect(api.getState().status).toBe('signed-out');
  });
});
