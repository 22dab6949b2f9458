import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const admin = () => json(200, aSession(aStaffMember({ role: 'admin', name: '管理 者' })));
const operator = () => json(200, aSession(aStaffMember({ role: 'operator' })));
const TICKET = '/api/v1/admin/queues/enter?ticket=AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde';

describe('キュー page', () => {
  it('gives an admin a one-time link to the queue dashboard, in the nav too', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'POST /api/v1/admin/queues/ticket': () =>
        json(200, { url: TICKET, expiresAt: '2026-12-01T12:01:00.000Z' }),
    });
    const { user } = renderApp({ route: '/queues', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: 'キュー' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'メニュー' });
    expect(within(nav).getByRole('link', { name: 'キュー' })).toHaveAttribute('href', '/queues');
    expect(screen.queryByTestId('dashboard-link')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'ダッシュボードを開く準備をする' }));
    const link = await screen.findByRole('link', { name: 'ダッシュボードを新しいタブで開く' });
    expect(link).toHaveAttribute('href', TICKET);
    expect(link).toHaveAttribute('target', '_blank');
    expect(link.getAttribute('rel')).toContain('noopener');
    expect(screen.getByText('（1回限り・1分間有効）')).toBeInTheDocument();
    expect(fetch.calls.filter((c) => c.key === 'POST /api/v1/admin/queues/ticket')).toHaveLength(1);

    // a fresh link on demand (the first one is spent once opened)
    await user.click(screen.getByRole('button', { name: 'リンクを作り直す' }));
    await screen.findByRole('link', { name: 'ダッシュボードを新しいタブで開く' });
    expect(fetch.calls.filter((c) => c.key === 'POST /api/v1/admin/queues/ticket')).toHaveLength(2);
  });

  it('says why when the API cannot mint a ticket (Redis down)', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'POST /api/v1/admin/queues/ticket': () => problem(503, 'SERVICE_UNAVAILABLE'),
    });
    const { user } = renderApp({ route: '/queues', fetch });
    await user.click(await screen.findByRole('button', { name: 'ダッシュボードを開く準備をする' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('ただいまサービスを利用できません');
    expect(screen.queryByTestId('dashboard-link')).not.toBeInTheDocument();
  });

  it('shows operators neither the nav entry nor the dashboard, and asks for no ticket', async () => {
    const fetch = createFakeFetch({ 'POST /api/v1/admin/auth/refresh': operator });
    renderApp({ route: '/queues', fetch, language: 'en' });
    expect(await screen.findByText('Only admins can see the queues.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Queues' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Prepare the dashboard link' })).not.toBeInTheDocument();
    expect(fetch.calls.some((c) => c.key === 'POST /api/v1/admin/queues/ticket')).toBe(false);
  });
});
