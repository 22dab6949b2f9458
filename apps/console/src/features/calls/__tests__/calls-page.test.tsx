import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem } from '../../../testing/fake-fetch';
import { renderApp } from '../../../testing/render-app';
import { parseSse } from '../api/call-stream';

const operator = aStaffMember({ id: 'op-1', role: 'operator' });

const aCall = (overrides: Record<string, unknown> = {}) => ({
  id: 'call-1',
  state: 'waiting',
  accountId: 'acc-1',
  customerName: '株式会社サンプル商事',
  companyName: '株式会社サンプル商事',
  contactName: '山田 太郎',
  to: '+81312345678',
  toDisplay: '03-1234-5678',
  from: '+819012345678',
  fromDisplay: '090-1234-5678',
  startedAt: new Date(Date.now() - 65_000).toISOString(),
  claimedBy: null,
  claimedAt: null,
  endedAt: null,
  endStatus: null,
  ...overrides,
});

/** A controllable SSE endpoint: every connection gets what `push` sends. */
function sseServer() {
  const controllers: ReadableStreamDefaultController<Uint8Array>[] = [];
  const encoder = new TextEncoder();
  return {
    handler: () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controllers.push(controller);
          controller.enqueue(encoder.encode('retry: 3000\n: connected\n\n'));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    },
    push: (type: string, call: Record<string, unknown>) => {
      const chunk = encoder.encode(
        `event: ${type}\ndata: ${JSON.stringify({ type, call, at: new Date().toISOString() })}\n\n`,
      );
      for (const c of controllers) {
        try {
          c.enqueue(chunk);
        } catch {
          // closed by an aborted connection
        }
      }
    },
    end: () => {
      for (const c of controllers) {
        try {
          c.close();
        } catch {
          // already closed
        }
      }
    },
  };
}

let servers: ReturnType<typeof sseServer>[] = [];
afterEach(() => {
  for (const s of servers) s.end();
  servers = [];
});

function setUp(claim: () => Response, waiting: unknown[] = []) {
  const sse = sseServer();
  servers.push(sse);
  const fetch = createFakeFetch({
    'POST /api/v1/admin/auth/refresh': () => json(200, aSession(operator)),
    'GET /api/v1/operator/calls': () =>
      json(200, { waiting, mine: [], serverTime: new Date().toISOString() }),
    'GET /api/v1/operator/calls/stream': sse.handler,
    'POST /api/v1/operator/calls/call-1/claim': claim,
    'GET /api/v1/admin/telephony/simulator': () => json(200, { enabled: false }),
  });
  return { sse, fetch, ...renderApp({ route: '/calls', fetch }) };
}

describe('着信 page', () => {
  it('shows a call pushed on the live stream, with its elapsed time', async () => {
    const { sse, fetch } = setUp(() => json(200, {}));
    expect(await screen.findByText('待機中の着信はありません。')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('stream-status')).toHaveTextContent('リアルタイム表示中'));
    // read with fetch, with the operator's token in the Authorization header
    expect(fetch.callsTo('GET /api/v1/operator/calls/stream').at(-1)?.authorization).toBe('Bearer access-1');

    sse.push('call.waiting', aCall());
    const row = await screen.findByTestId('call-call-1');
    expect(row).toHaveTextContent('株式会社サンプル商事');
    expect(row).toHaveTextContent('03-1234-5678');
    expect(row).toHaveTextContent('090-1234-5678');
    expect(row).toHaveTextContent(/1:0\d/);
    expect(screen.getByRole('heading', { name: '待機中の着信（1件）' })).toBeInTheDocument();

    // another operator takes it: it leaves the queue
    sse.push('call.claimed', aCall({ state: 'claimed', claimedBy: 'op-2' }));
    expect(await screen.findByText('待機中の着信はありません。')).toBeInTheDocument();
  });

  it('claims a call and shows the screen pop', async () => {
    const { user } = setUp(
      () =>
        json(200, {
          call: aCall({ state: 'claimed', claimedBy: 'op-1', from: null, fromDisplay: null }),
          elapsedSeconds: 65,
          answerMemo: { memo: null, qa: [] },
          previousInquiries: [],
        }),
      [aCall({ from: null, fromDisplay: null })],
    );
    const row = await screen.findByTestId('call-call-1');
    expect(row).toHaveTextContent('非通知');
    await user.click(within(row).getByRole('button', { name: '応答する' }));
    const pop = await screen.findByTestId('screen-pop');
    expect(pop).toHaveTextContent('株式会社サンプル商事 の着信');
    expect(pop).toHaveTextContent('acc-1');
    expect(pop).toHaveTextContent('03-1234-5678');
    expect(pop).toHaveTextContent('非通知');
    expect(pop).toHaveTextContent('応答メモはまだ登録されていません。');
    expect(pop).toHaveTextContent('過去の問い合わせはありません。');
  });

  it('shows the approved answer memo fields and Q&A in the screen pop (R5.3, R5.5)', async () => {
    const { user } = setUp(
      () =>
        json(200, {
          call: aCall({ state: 'claimed', claimedBy: 'op-1' }),
          elapsedSeconds: 5,
          answerMemo: {
            memo: { basicInfo: '東京都千代田区の会社です', businessHours: '平日 9:00〜18:00', freeText: '' },
            qa: [{ question: '駐車場はありますか', answer: '地下に3台分あります' }],
          },
          previousInquiries: [],
          contact: null,
        }),
      [aCall()],
    );
    const row = await screen.findByTestId('call-call-1');
    await user.click(within(row).getByRole('button', { name: '応答する' }));
    const memo = await screen.findByTestId('answer-memo');
    expect(memo).toHaveTextContent('基本情報東京都千代田区の会社です');
    expect(memo).toHaveTextContent('営業時間平日 9:00〜18:00');
    expect(memo).not.toHaveTextContent('自由記載欄');
    expect(screen.getByTestId('answer-qa')).toHaveTextContent('Q. 駐車場はありますかA. 地下に3台分あります');
  });

  it('says clearly when another operator won the race', async () => {
    const { user } = setUp(() => problem(409, 'CALL_ALREADY_CLAIMED'), [aCall()]);
    const row = await screen.findByTestId('call-call-1');
    await user.click(within(row).getByRole('button', { name: '応答する' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('この着信は別のオペレーターが応答しました。');
    expect(screen.queryByTestId('screen-pop')).not.toBeInTheDocument();
  });
});

describe('parseSse', () => {
  it('splits events, skips heartbeat comments and keeps an unfinished event for later', () => {
    const { events, rest } = parseSse(
      ': heartbeat\n\nevent: call.waiting\ndata: {"a":1}\n\nevent: call.ended\ndata: {"b"',
    );
    expect(events).toEqual([{ event: 'call.waiting', data: '{"a":1}' }]);
    expect(rest).toBe('event: call.ended\ndata: {"b"');
  });
});
