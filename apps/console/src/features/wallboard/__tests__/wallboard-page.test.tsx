import { render, screen, waitFor, within } from '@testing-library/react';
import { I18nextProvider } from 'react-i18next';
import { describe, expect, it } from 'vitest';
import { createI18n } from '../../../i18n/catalogues';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import type { Wallboard } from '../api/wallboard';
import { WallboardView } from '../components/wallboard-page';
import { formatAverage, formatDuration, formatShare } from '../components/format';
import { newer } from '../hooks/use-wallboard';

const admin = () => json(200, aSession(aStaffMember({ id: 'admin-1', role: 'admin', name: '管理 者' })));
const operator = () => json(200, aSession(aStaffMember({ role: 'operator' })));

function aBoard(overrides: Partial<Wallboard> = {}): Wallboard {
  return {
    serverTime: '2026-05-01T03:00:00.000Z',
    date: '2026-05-01',
    serviceLevelTargetSeconds: 20,
    waitingCalls: 2,
    longestWaitSeconds: 45,
    longestWaitingSince: '2026-05-01T02:59:15.000Z',
    operators: [
      {
        userId: 'u-ueda',
        name: '上田 三郎',
        status: 'available',
        statusSince: '2026-05-01T02:55:00.000Z',
        secondsInStatus: 300,
        connected: false,
      },
      {
        userId: 'u-aoki',
        name: '青木 一郎',
        status: 'on_call',
        statusSince: '2026-05-01T02:59:00.000Z',
        secondsInStatus: 60,
        connected: true,
      },
      {
        userId: 'u-eto',
        name: '江藤 四郎',
        status: 'wrap_up',
        statusSince: '2026-05-01T02:59:52.000Z',
        secondsInStatus: 8,
        connected: true,
      },
    ],
    operatorCounts: { available: 1, offered: 0, onCall: 1, wrapUp: 1, break: 0, away: 0, disconnected: 1 },
    today: {
      from: '2026-04-30T15:00:00.000Z',
      answered: 4,
      abandoned: 1,
      answeredWithinTarget: 3,
      serviceLevel: 0.6,
      averageWaitSeconds: 15.8,
      talkedCalls: 3,
      averageTalkSeconds: 90,
    },
    lastHour: {
      from: '2026-05-01T02:00:00.000Z',
      answered: 3,
      abandoned: 1,
      answeredWithinTarget: 2,
      serviceLevel: 0.5,
      averageWaitSeconds: 19.3,
      talkedCalls: 2,
      averageTalkSeconds: 105,
    },
    ...overrides,
  };
}

/** A controllable SSE endpoint: every connection gets what `push` sends. */
function sseServer() {
  const controllers: ReadableStreamDefaultController<Uint8Array>[] = [];
  const encoder = new TextEncoder();
  return {
    handler: () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controllers.push(controller);
            controller.enqueue(encoder.encode('retry: 3000\n: connected\n\n'));
          },
        }),
        { status: 200, headers: { 'content-type': 'text/event-stream' } },
      ),
    push: (board: Wallboard) => {
      const chunk = encoder.encode(`event: wallboard\ndata: ${JSON.stringify(board)}\n\n`);
      for (const c of controllers) {
        try {
          c.enqueue(chunk);
        } catch {
          // closed by an aborted connection
        }
      }
    },
  };
}

const tile = (testId: string) => screen.getByTestId(testId).textContent;

describe('ウォールボード page (admins)', () => {
  it('shows a WallboardDto in big figures, and is in the admin nav', async () => {
    const sse = sseServer();
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/operator/wallboard': () => json(200, aBoard()),
      'GET /api/v1/operator/wallboard/stream': sse.handler,
    });
    renderApp({ route: '/wallboard', fetch });

    expect(await screen.findByRole('heading', { level: 1, name: 'ウォールボード' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'メニュー' });
    expect(within(nav).getByRole('link', { name: 'ウォールボード' })).toHaveAttribute('href', '/wallboard');

    await screen.findByTestId('waiting-calls');
    // calls waiting and the longest wait
    expect(
      within(screen.getByRole('group', { name: '待ち呼' })).getByTestId('waiting-calls'),
    ).toHaveTextContent('2');
    expect(tile('longest-wait')).toMatch(/^0:4[5-9]$/);
    // operators by state: counts and the list with time in state
    expect(tile('count-available')).toBe('1');
    expect(tile('count-offered')).toBe('0');
    expect(tile('count-on_call')).toBe('1');
    expect(tile('count-wrap_up')).toBe('1');
    expect(tile('count-break')).toBe('0');
    expect(tile('count-away')).toBe('0');
    for (const label of ['受付可', '着信中', '通話中', '後処理', '休憩', '離席']) {
      expect(screen.getByRole('group', { name: label })).toBeInTheDocument();
    }
    expect(screen.getByTestId('disconnected-count')).toHaveTextContent('未接続 1人');
    const ueda = screen.getByTestId('operator-u-ueda');
    expect(within(ueda).getByRole('rowheader')).toHaveTextContent('上田 三郎');
    expect(ueda).toHaveTextContent('受付可');
    expect(ueda).toHaveTextContent('未接続');
    expect(within(screen.getByTestId('operator-u-aoki')).getAllByRole('cell')[1].textContent).toMatch(
      /^1:0[0-4]$/,
    );
    expect(screen.getByTestId('operator-u-aoki')).toHaveTextContent('通話中');
    expect(screen.getByTestId('operator-u-aoki')).not.toHaveTextContent('未接続');
    // today and the last hour
    const today = within(screen.getByTestId('period-today'));
    expect(today.getByRole('heading', { name: '本日' })).toBeInTheDocument();
    expect(today.getByTestId('today-answered')).toHaveTextContent('4');
    expect(today.getByTestId('today-abandoned')).toHaveTextContent('1');
    expect(today.getByTestId('today-average-wait')).toHaveTextContent('0:16');
    expect(today.getByTestId('today-average-talk')).toHaveTextContent('1:30');
    expect(today.getByRole('group', { name: 'サービスレベル（20秒以内応答率）' })).toHaveTextContent(
      '60.0%3 / 5 件',
    );
    const lastHour = within(screen.getByTestId('period-last-hour'));
    expect(lastHour.getByRole('heading', { name: '直近1時間' })).toBeInTheDocument();
    expect(lastHour.getByTestId('last-hour-answered')).toHaveTextContent('3');
    expect(lastHour.getByTestId('last-hour-abandoned')).toHaveTextContent('1');
    expect(lastHour.getByTestId('last-hour-average-wait')).toHaveTextContent('0:19');
    expect(lastHour.getByTestId('last-hour-average-talk')).toHaveTextContent('1:45');
    expect(lastHour.getByTestId('last-hour-service-level')).toHaveTextContent('50.0%');
  });

  it('follows the live stream (read with the bearer token) and shows what it pushes', async () => {
    const sse = sseServer();
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/operator/wallboard': () => json(200, aBoard()),
      'GET /api/v1/operator/wallboard/stream': sse.handler,
    });
    renderApp({ route: '/wallboard', fetch });
    await waitFor(() =>
      expect(screen.getByTestId('wallboard-status')).toHaveTextContent('リアルタイム表示中'),
    );
    expect(fetch.callsTo('GET /api/v1/operator/wallboard/stream').at(-1)?.authorization).toBe(
      'Bearer access-1',
    );
    await screen.findByTestId('waiting-calls');

    sse.push(
      aBoard({
        serverTime: '2026-05-01T03:00:02.000Z',
        waitingCalls: 0,
        longestWaitSeconds: 0,
        longestWaitingSince: null,
        lastHour: { ...aBoard().lastHour, answered: 5, answeredWithinTarget: 4, serviceLevel: 0.6667 },
      }),
    );
    await waitFor(() => expect(tile('waiting-calls')).toBe('0'));
    expect(tile('longest-wait')).toBe('0:00');
    expect(tile('last-hour-answered')).toBe('5');
    expect(tile('last-hour-service-level')).toBe('66.7%');

    // an older board arriving late does not overwrite a newer one
    sse.push(aBoard({ serverTime: '2026-05-01T03:00:01.000Z', waitingCalls: 7 }));
    sse.push(aBoard({ serverTime: '2026-05-01T03:00:03.000Z', waitingCalls: 1 }));
    await waitFor(() => expect(tile('waiting-calls')).toBe('1'));
  });

  it('says when no operator is at the desk and shows dashes for periods without calls', async () => {
    const sse = sseServer();
    const empty = {
      answered: 0,
      abandoned: 0,
      answeredWithinTarget: 0,
      serviceLevel: null,
      averageWaitSeconds: null,
      talkedCalls: 0,
      averageTalkSeconds: null,
    };
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/operator/wallboard': () =>
        json(
          200,
          aBoard({
            waitingCalls: 0,
            longestWaitSeconds: 0,
            longestWaitingSince: null,
            operators: [],
            operatorCounts: {
              available: 0,
              offered: 0,
              onCall: 0,
              wrapUp: 0,
              break: 0,
              away: 0,
              disconnected: 0,
            },
            today: { from: '2026-04-30T15:00:00.000Z', ...empty },
            lastHour: { from: '2026-05-01T02:00:00.000Z', ...empty },
          }),
        ),
      'GET /api/v1/operator/wallboard/stream': sse.handler,
    });
    renderApp({ route: '/wallboard', fetch, language: 'en' });
    expect(await screen.findByText('No operator is at the desk.')).toBeInTheDocument();
    expect(screen.queryByTestId('disconnected-count')).not.toBeInTheDocument();
    expect(tile('today-service-level')).toBe('—');
    expect(tile('today-average-wait')).toBe('—');
    expect(tile('last-hour-average-talk')).toBe('—');
    expect(screen.getAllByRole('group', { name: 'Service level (answered within 20 s)' })).toHaveLength(2);
  });
});

describe('ウォールボード for operators', () => {
  it('is neither in their nav nor shown, and nothing is requested', async () => {
    const fetch = createFakeFetch({ 'POST /api/v1/admin/auth/refresh': operator });
    renderApp({ route: '/wallboard', fetch });
    expect(await screen.findByText('ウォールボードは管理者だけが見られます。')).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'メニュー' });
    expect(within(nav).queryByRole('link', { name: 'ウォールボード' })).not.toBeInTheDocument();
    expect(fetch.calls.some((c) => c.key.includes('/wallboard'))).toBe(false);
  });

  it('is not in the nav on other pages either', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': operator,
    });
    renderApp({ route: '/', fetch });
    const nav = await screen.findByRole('navigation', { name: 'メニュー' });
    expect(within(nav).queryByRole('link', { name: 'ウォールボード' })).not.toBeInTheDocument();
  });
});

describe('WallboardView ticking', () => {
  it('adds the time since the board was received to times in state and the longest wait', () => {
    const receivedAt = 1_000_000;
    render(
      <I18nextProvider i18n={createI18n('ja')}>
        <WallboardView received={{ board: aBoard(), receivedAt }} now={receivedAt + 5_400} />
      </I18nextProvider>,
    );
    expect(tile('longest-wait')).toBe('0:50');
    expect(within(screen.getByTestId('operator-u-aoki')).getAllByRole('cell')[1]).toHaveTextContent('1:05');
    expect(within(screen.getByTestId('operator-u-ueda')).getAllByRole('cell')[1]).toHaveTextContent('5:05');
  });

  it('keeps the longest wait at 0:00 when no one waits', () => {
    render(
      <I18nextProvider i18n={createI18n('ja')}>
        <WallboardView
          received={{
            board: aBoard({ waitingCalls: 0, longestWaitSeconds: 0, longestWaitingSince: null }),
            receivedAt: 0,
          }}
          now={9_000}
        />
      </I18nextProvider>,
    );
    expect(tile('longest-wait')).toBe('0:00');
  });
});

describe('wallboard helpers', () => {
  it('formats durations, averages and shares', () => {
    expect(formatDuration(7)).toBe('0:07');
    expect(formatDuration(725.9)).toBe('12:05');
    expect(formatDuration(3723)).toBe('1:02:03');
    expect(formatDuration(-3)).toBe('0:00');
    expect(formatAverage(19.3)).toBe('0:19');
    expect(formatAverage(89.5)).toBe('1:30');
    expect(formatAverage(null)).toBe('—');
    expect(formatShare(0.6667)).toBe('66.7%');
    expect(formatShare(1)).toBe('100.0%');
    expect(formatShare(0)).toBe('0.0%');
    expect(formatShare(null)).toBe('—');
  });

  it('keeps the newer of two boards', () => {
    const a = { board: aBoard({ serverTime: '2026-05-01T03:00:01.000Z' }), receivedAt: 1 };
    const b = { board: aBoard({ serverTime: '2026-05-01T03:00:00.000Z' }), receivedAt: 2 };
    expect(newer(a, b)).toBe(a);
    expect(newer(b, a)).toBe(a);
    expect(newer(undefined, b)).toBe(b);
  });
});
