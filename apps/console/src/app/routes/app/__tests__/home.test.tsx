import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../../testing/render-app';

describe('console home (protected)', () => {
  it('redirects to log-in when the session cannot be refreshed, with a single refresh call', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': () => problem(401, 'UNAUTHENTICATED'),
    });
    const { router } = renderApp({ route: '/', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: 'スタッフログイン' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.queryByTestId('welcome')).not.toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/auth/refresh')).toHaveLength(1);
    // The customer refresh endpoint (and its cookie) is never touched by the console.
    expect(fetch.calls.map((call) => call.key)).toEqual(['POST /api/v1/admin/auth/refresh']);
  });

  it('restores the session from the refresh cookie and shows who is logged in', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': () =>
        json(200, aSession(aStaffMember({ name: '高橋 健', role: 'operator' }))),
    });
    renderApp({ route: '/', fetch });

    expect(await screen.findByTestId('welcome')).toHaveTextContent('お疲れさまです、高橋 健 さん');
    const summary = screen.getByTestId('staff-summary');
    expect(summary).toHaveTextContent('オペレーター');
    expect(summary).toHaveTextContent('sato@reception.example.jp');
  });

  it('sends a signed-in user away from the log-in page', async () => {
    const fetch = createFakeFetch({ 'POST /api/v1/admin/auth/refresh': () => json(200, aSession()) });
    const { router } = renderApp({ route: '/login', fetch });
    expect(await screen.findByRole('heading', { level: 1, name: 'ホーム' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/');
  });
});
