import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import { formatDuration } from '../components/unrecorded-calls-page';

const operator = () => json(200, aSession(aStaffMember({ role: 'operator' })));
const ACCOUNT = '11111111-2222-4333-8444-555555555555';

const aCall = (overrides: Record<string, unknown> = {}) => ({
  id: 'call-1',
  accountId: ACCOUNT,
  accountName: '株式会社サンプル',
  numberDisplay: '03-1234-5678',
  callerNumberDisplay: '090-1234-5678',
  startedAt: '2026-11-02T01:00:00.000Z',
  answeredAt: '2026-11-02T01:00:05.000Z',
  endedAt: '2026-11-02T01:01:40.000Z',
  operatorId: 'staff-2',
  operatorName: '鈴木 一郎',
  durationSeconds: 95,
  ...overrides,
});

const queryOf = (request: Request) => new URL(request.url).searchParams;

describe('未記録の応答', () => {
  it('lists answered calls without an inquiry with account, number, caller, answer time, operator and duration', async () => {
    const seen: URLSearchParams[] = [];
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/operator/unrecorded-calls': (request) => {
        seen.push(queryOf(request));
        return json(200, {
          items: [
            aCall(),
            aCall({ id: 'call-2', callerNumberDisplay: null, operatorName: null, durationSeconds: 3725 }),
          ],
          nextCursor: null,
        });
      },
    });
    renderApp({ route: '/unrecorded-calls?month=2026-11', fetch });

    const table = await screen.findByTestId('unrecorded-calls');
    expect(screen.getByRole('heading', { level: 1, name: '未記録の応答' })).toBeInTheDocument();
    expect(screen.getByLabelText('月（日本時間）')).toHaveValue('2026-11');
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(first).toHaveTextContent('株式会社サンプル');
    expect(first).toHaveTextContent('03-1234-5678');
    expect(first).toHaveTextContent('090-1234-5678');
    expect(first).toHaveTextContent('2026/11/02 10:00:05'); // Japan time
    expect(first).toHaveTextContent('鈴木 一郎');
    expect(first).toHaveTextContent('1:35');
    expect(within(first).getByRole('link', { name: '株式会社サンプル' })).toHaveAttribute(
      'href',
      `/accounts/${ACCOUNT}`,
    );
    expect(second).toHaveTextContent('非通知');
    expect(second).toHaveTextContent('不明');
    expect(second).toHaveTextContent('1:02:05');
    expect(seen[0].get('month')).toBe('2026-11');
    expect(seen[0].has('accountId')).toBe(false);
  });

  it('narrows to one account from a row, and back; the nav links the page', async () => {
    const seen: URLSearchParams[] = [];
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/operator/unrecorded-calls': (request) => {
        seen.push(queryOf(request));
        return json(200, { items: [aCall()], nextCursor: null });
      },
    });
    const { user } = renderApp({ route: '/unrecorded-calls', fetch });
    expect(await screen.findByRole('link', { name: '未記録の応答' })).toHaveAttribute(
      'href',
      '/unrecorded-calls',
    );
    await user.click(await screen.findByRole('button', { name: 'この顧客のみ' }));
    await waitFor(() => expect(seen.at(-1)?.get('accountId')).toBe(ACCOUNT));
    expect(await screen.findByTestId('account-filter')).toHaveTextContent('顧客: 株式会社サンプル');
    await user.click(screen.getByRole('button', { name: 'すべての顧客を表示' }));
    expect(await screen.findByRole('button', { name: 'この顧客のみ' })).toBeInTheDocument();
    expect(screen.queryByTestId('account-filter')).not.toBeInTheDocument();
    expect(seen[0].has('accountId')).toBe(false);
  });

  it('pages on with the cursor', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
      'GET /api/v1/operator/unrecorded-calls': (request) =>
        queryOf(request).get('cursor') === 'next-1'
          ? json(200, { items: [aCall({ id: 'call-2', accountName: '株式会社二頁目' })], nextCursor: null })
          : json(200, { items: [aCall()], nextCursor: 'next-1' }),
    });
    const { user } = renderApp({ route: '/unrecorded-calls', fetch });
    await user.click(await screen.findByRole('button', { name: 'さらに表示' }));
    expect(await screen.findByText('株式会社二頁目')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'さらに表示' })).not.toBeInTheDocument();
  });

  it('shows durations as m:ss and h:mm:ss', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(95)).toBe('1:35');
    expect(formatDuration(3725)).toBe('1:02:05');
  });
});
