import { act, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, noContent, problem, type FakeRoutes } from '@bc/app-shell/testing';
import {
  aCall,
  aDesk,
  answeredCall,
  aPop,
  aToken,
  iso,
  offeredCall,
  renderDesk,
  softphones,
  sseServer,
} from './desk-kit';

const operator = aStaffMember({ id: 'op-1', role: 'operator' });
const admin = aStaffMember({ id: 'op-1', role: 'admin', name: '管理 者' });

let servers: ReturnType<typeof sseServer>[] = [];
afterEach(() => {
  for (const s of servers) s.end();
  servers = [];
});

type SetUpOptions = {
  me?: ReturnType<typeof aStaffMember>;
  desk?: Record<string, unknown>;
  waiting?: unknown[];
  mine?: unknown[];
  pop?: Record<string, unknown>;
  routes?: FakeRoutes;
};

function setUp({
  me = operator,
  desk = aDesk(),
  waiting = [],
  mine = [],
  pop = aPop(),
  routes = {},
}: SetUpOptions = {}) {
  const sse = sseServer();
  servers.push(sse);
  const phones = softphones();
  let currentDesk = desk;
  const fetch = createFakeFetch({
    'POST /api/v1/admin/auth/refresh': () => json(200, aSession(me)),
    'GET /api/v1/operator/calls': () => json(200, { waiting, mine, serverTime: iso() }),
    'GET /api/v1/operator/calls/stream': sse.handler,
    'GET /api/v1/operator/desk': () => json(200, { ...currentDesk, serverTime: iso() }),
    'POST /api/v1/operator/desk/softphone-token': () => json(200, aToken()),
    'GET /api/v1/operator/calls/call-1/screen-pop': () => json(200, pop),
    'POST /api/v1/operator/desk/calls/call-1/hold': noContent,
    'POST /api/v1/operator/desk/calls/call-1/resume': noContent,
    'POST /api/v1/operator/desk/calls/call-1/hang-up': noContent,
    ...routes,
  });
  const view = renderDesk({ fetch, factory: phones.factory });
  /** A `desk.changed` push (the API also answers it from then on). */
  const pushDesk = (next: Record<string, unknown>) => {
    currentDesk = next;
    sse.desk({ ...next, serverTime: iso() });
  };
  return { sse, phones, fetch, pushDesk, ...view };
}

const onCallDesk = (call: Record<string, unknown> = answeredCall()) =>
  aDesk({ status: 'on_call', statusSince: iso(-42_000), call });

/** The page is ready: the desk is shown and the softphone registered. */
async function ready(phones: ReturnType<typeof softphones>) {
  await waitFor(() => expect(screen.getByTestId('softphone-status')).toHaveTextContent('電話: 登録済み'));
  return phones.live();
}

describe('the desk page (着信)', () => {
  it('shows my state and changes it; the softphone registers with a token from the API', async () => {
    const { user, fetch, phones } = setUp({
      routes: {
        'PUT /api/v1/operator/desk/status': (_req, body) =>
          json(200, aDesk({ status: (body as { status: string }).status, serverTime: iso() })),
      },
    });
    const phone = await ready(phones);
    expect(phone.config).toEqual({ provider: 'fake', signalingUrl: 'ws://127.0.0.1:12380/ws' });
    expect(phone.tokens).toEqual(['token-1']);
    expect(screen.getByTestId('desk-status')).toHaveTextContent('受付可');
    expect(screen.getByRole('button', { name: '受付可' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByTestId('desk-idle')).toBeInTheDocument();
    // the keyboard shortcuts are listed on screen
    const legend = screen.getByRole('note', { name: 'キーボードショートカット' });
    for (const text of ['Space', 'Esc', 'Ctrl', '応答', 'ミュート', '保留', '切断', '記録を保存']) {
      expect(legend).toHaveTextContent(text);
    }
    // no claim button any more, nor the simulator
    expect(screen.queryByRole('button', { name: /取る|応答する/ })).not.toBeInTheDocument();
    expect(screen.queryByText('着信シミュレーター')).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: '休憩' }));
    await waitFor(() => expect(screen.getByTestId('desk-status')).toHaveTextContent('休憩'));
    expect(fetch.callsTo('PUT /api/v1/operator/desk/status')[0].body).toEqual({ status: 'break' });
    expect(screen.getByRole('button', { name: '休憩' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.getByRole('button', { name: '受付可' })).toHaveAttribute('aria-pressed', 'false');
  });

  it('refreshes the softphone token when it is about to expire; shows the phone’s errors in words', async () => {
    const { phones, fetch } = setUp({
      routes: {
        'POST /api/v1/operator/desk/softphone-token': [
          () => json(200, aToken()),
          () => json(200, aToken()),
          () => json(200, aToken({ token: 'token-2' })),
        ],
      },
    });
    const phone = await ready(phones);
    act(() => phone.events.emit('tokenWillExpire'));
    await waitFor(() => expect(phone.updatedTokens).toEqual(['token-2']));
    expect(fetch.callsTo('POST /api/v1/operator/desk/softphone-token').length).toBeGreaterThanOrEqual(3);

    act(() => {
      phone.events.emit('unregistered');
      phone.events.emit('error', { code: 31005, message: 'socket closed' });
    });
    expect(screen.getByTestId('softphone-status')).toHaveTextContent(
      '電話: 切断 — 電話サーバーとの接続が切れました。再接続しています…',
    );
    act(() => phone.events.emit('error', { code: 31999, message: 'Something odd happened' }));
    expect(screen.getByTestId('softphone-status')).toHaveTextContent('Something odd happened');
    act(() => phone.events.emit('registered'));
    expect(screen.getByTestId('softphone-status')).toHaveTextContent(/^電話: 登録済み$/);
  });

  it('says so when the softphone cannot get a token', async () => {
    setUp({ routes: { 'POST /api/v1/operator/desk/softphone-token': () => problem(403, 'FORBIDDEN') } });
    await waitFor(() => expect(screen.getByTestId('softphone-status')).toHaveTextContent('電話: 切断 — '));
  });

  it('during a call, a state chosen applies after it (通話後: 休憩); refusals are shown in words', async () => {
    const { user, pushDesk, phones } = setUp({
      desk: onCallDesk(),
      routes: {
        'PUT /api/v1/operator/desk/status': [
          () => json(200, { ...onCallDesk(), afterCall: 'break', serverTime: iso() }),
          () => problem(409, 'DESK_BUSY'),
        ],
      },
    });
    await ready(phones);
    expect(await screen.findByTestId('after-call')).toHaveTextContent('通話後: 受付可');
    await user.click(screen.getByRole('button', { name: '休憩' }));
    await waitFor(() => expect(screen.getByTestId('after-call')).toHaveTextContent('通話後: 休憩'));
    expect(screen.getByTestId('desk-status')).toHaveTextContent('通話中');
    await user.click(screen.getByRole('button', { name: '離席' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '通話と問い合わせの記録を終えてから変更してください。',
    );
    // while a call rings, the state cannot change
    pushDesk(aDesk({ status: 'offered', call: offeredCall({ id: 'call-9' }) }));
    await waitFor(() => expect(screen.getByRole('button', { name: '受付可' })).toBeDisabled());
  });

  it('an offered call shows the screen pop and the greeting at once, and answers on Space', async () => {
    const { user, sse, pushDesk, phones, fetch } = setUp();
    const phone = await ready(phones);
    // the offer arrives on the stream first, the softphone rings next
    sse.call('call.offered', offeredCall());
    expect(await screen.findByTestId('greeting')).toHaveTextContent(
      'お電話ありがとうございます。株式会社サンプル商事でございます。',
    );
    pushDesk(aDesk({ status: 'offered', call: offeredCall() }));
    const ringing = phone.ring('call-1');
    const pop = screen.getByTestId('screen-pop');
    expect(within(pop).getByTestId('customer-name')).toHaveTextContent('株式会社サンプル商事');
    expect(within(pop).getByTestId('caller-number')).toHaveTextContent('090-1234-5678');
    const known = within(pop).getByTestId('known-caller');
    expect(known).toHaveTextContent('髙橋 健');
    expect(known).toHaveTextContent('株式会社髙橋');
    expect(known).toHaveTextContent('VIP');
    expect(within(pop).getByTestId('answer-memo')).toHaveTextContent('基本情報東京都千代田区の会社です');
    expect(within(pop).getByTestId('answer-memo')).not.toHaveTextContent('自由記載欄');
    expect(within(pop).getByTestId('answer-qa')).toHaveTextContent(
      'Q. 駐車場はありますかA. 地下に3台分あります',
    );
    expect(within(pop).getByTestId('previous-inquiries')).toHaveTextContent('見積もりの依頼');
    // no raw ids on the operator's screen
    expect(document.body).not.toHaveTextContent('acc-1');
    expect(document.body).not.toHaveTextContent('call-1');
    expect(fetch.callsTo('GET /api/v1/operator/calls/call-1/screen-pop')).toHaveLength(1);

    // the form shows but waits for the answer
    expect(screen.getByLabelText('お名前')).toBeDisabled();
    const answer = await screen.findByRole('button', { name: '応答' });
    await waitFor(() => expect(answer).toBeEnabled());
    expect(screen.getByTestId('call-phase')).toHaveTextContent('着信中');
    await user.keyboard(' ');
    expect(ringing.accepted).toBe(true);

    // the API saw the answer: on call, the timer runs, the form opens
    sse.call('call.claimed', answeredCall({ claimedAt: iso(), answeredAt: iso() }));
    pushDesk(onCallDesk(answeredCall({ claimedAt: iso(), answeredAt: iso() })));
    expect(await screen.findByRole('timer', { name: '通話時間' })).toHaveTextContent('通話 0:0');
    expect(screen.getByTestId('desk-status')).toHaveTextContent('通話中');
    expect(screen.getByLabelText('お名前')).toBeEnabled();
    expect(screen.getByRole('button', { name: '応答' })).toBeDisabled();
  });

  it('a ring from the softphone alone opens the screen pop too, and answers with one click', async () => {
    const { user, phones, fetch } = setUp();
    const phone = await ready(phones);
    const ringing = phone.ring('call-1');
    expect(await screen.findByTestId('greeting')).toBeInTheDocument();
    await user.click(await screen.findByRole('button', { name: '応答' }));
    expect(ringing.accepted).toBe(true);
    expect(fetch.callsTo('GET /api/v1/operator/calls/call-1/screen-pop')).toHaveLength(1);
  });

  it('an offer that passes on (not answered here) leaves the screen', async () => {
    const { phones } = setUp();
    const phone = await ready(phones);
    const ringing = phone.ring('call-1');
    expect(await screen.findByTestId('greeting')).toBeInTheDocument();
    act(() => ringing.cancel());
    expect(await screen.findByTestId('desk-idle')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: '応答' })).toBeDisabled();
  });

  it('holds, resumes and hangs up through the API; the resumed ring is accepted by itself', async () => {
    const { user, sse, pushDesk, phones, fetch } = setUp({ desk: onCallDesk() });
    const phone = await ready(phones);
    // after a reload mid-call the carrier connects me again
    const first = phone.ring('call-1', { resume: '1' });
    expect(first.accepted).toBe(true);
    expect(await screen.findByTestId('greeting')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'ミュート' }));
    expect(first.muted).toBe(true);
    expect(screen.getByRole('button', { name: 'ミュート' })).toHaveAttribute('aria-pressed', 'true');
    await user.keyboard('m');
    expect(first.muted).toBe(false);

    await user.click(screen.getByRole('button', { name: '保留' }));
    await waitFor(() =>
      expect(fetch.callsTo('POST /api/v1/operator/desk/calls/call-1/hold')).toHaveLength(1),
    );
    act(() => first.disconnect()); // the carrier moved the caller to the hold music
    sse.call('call.hold', answeredCall({ onHold: true }));
    pushDesk(onCallDesk(answeredCall({ onHold: true })));
    expect(await screen.findByRole('timer', { name: '保留時間' })).toHaveTextContent('保留中 0:0');
    expect(screen.getByTestId('desk-status')).toHaveTextContent('保留中');
    expect(screen.queryByTestId('caller-hung-up')).not.toBeInTheDocument();

    await user.keyboard('h');
    await waitFor(() =>
      expect(fetch.callsTo('POST /api/v1/operator/desk/calls/call-1/resume')).toHaveLength(1),
    );
    const resumed = phone.ring('call-1', { resume: '1' });
    expect(resumed.accepted).toBe(true);
    sse.call('call.resumed', answeredCall());
    pushDesk(onCallDesk());
    await waitFor(() => expect(screen.queryByRole('timer', { name: '保留時間' })).not.toBeInTheDocument());
    expect(screen.getByRole('button', { name: '保留' })).toBeEnabled();

    await user.keyboard('{Escape}');
    await waitFor(() =>
      expect(fetch.callsTo('POST /api/v1/operator/desk/calls/call-1/hang-up')).toHaveLength(1),
    );
    act(() => resumed.disconnect());
    sse.call('call.ended', answeredCall({ state: 'ended', endedAt: iso() }), { endedBy: 'operator' });
    pushDesk(aDesk({ status: 'wrap_up', call: answeredCall({ state: 'ended' }), wrapUpUntil: iso(60_000) }));
    expect(await screen.findByRole('timer', { name: '後処理の残り時間' })).toBeInTheDocument();
    expect(screen.queryByTestId('caller-hung-up')).not.toBeInTheDocument();
  });

  it('a failing hold is shown as a translated problem', async () => {
    const { user, phones } = setUp({
      desk: onCallDesk(),
      routes: { 'POST /api/v1/operator/desk/calls/call-1/hold': () => problem(503, 'TELEPHONY_UNAVAILABLE') },
    });
    await ready(phones);
    await user.click(await screen.findByRole('button', { name: '保留' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      '電話回線サービスに接続できません。もう一度お試しください。',
    );
  });

  it('says when the caller hung up first (call.ended with endedBy caller)', async () => {
    const { sse, pushDesk, phones } = setUp({ desk: onCallDesk() });
    await ready(phones);
    expect(await screen.findByTestId('greeting')).toBeInTheDocument();
    sse.call('call.ended', answeredCall({ state: 'ended', endedAt: iso() }), { endedBy: 'caller' });
    expect(await screen.findByTestId('caller-hung-up')).toHaveTextContent('お客様が電話を切りました');
    pushDesk(aDesk({ status: 'wrap_up', call: answeredCall({ state: 'ended' }), wrapUpUntil: iso(60_000) }));
    expect(await screen.findByRole('timer', { name: '後処理の残り時間' })).toBeInTheDocument();
    expect(screen.getByTestId('caller-hung-up')).toBeInTheDocument();
  });

  it('says when the caller hung up first (a softphone disconnect the operator did not cause)', async () => {
    const { phones } = setUp({ desk: onCallDesk() });
    const phone = await ready(phones);
    const call = phone.ring('call-1', { resume: '1' });
    expect(await screen.findByTestId('greeting')).toBeInTheDocument();
    act(() => call.disconnect());
    expect(await screen.findByTestId('caller-hung-up')).toHaveTextContent('お客様が電話を切りました');
  });

  it('counts the wrap-up down, then shows the overrun in red and keeps the unsaved inquiry', async () => {
    const inWrapUp = (until: string | null, status = 'wrap_up') =>
      aDesk({
        status,
        call: status === 'wrap_up' ? answeredCall({ state: 'ended', endedAt: iso(-20_000) }) : null,
        wrapUpUntil: until,
      });
    const { user, pushDesk, phones, fetch } = setUp({
      desk: inWrapUp(iso(45_000)),
      routes: {
        'POST /api/v1/operator/calls/call-1/inquiry': () =>
          json(201, { id: 'inq-1', callerName: '髙橋 健', callId: 'call-1' }),
      },
    });
    await ready(phones);
    const timer = await screen.findByRole('timer', { name: '後処理の残り時間' });
    expect(timer).toHaveTextContent(/後処理 残り 0:4[45]/);
    expect(screen.getByTestId('desk-status')).toHaveTextContent('後処理');

    pushDesk(inWrapUp(iso(-5_000)));
    const overrun = await screen.findByRole('timer', { name: '後処理の超過時間' });
    expect(overrun).toHaveTextContent(/超過 0:0[456]/);
    expect(overrun).toHaveClass('desk-timer--overrun');
    expect(screen.queryByRole('timer', { name: '後処理の残り時間' })).not.toBeInTheDocument();

    // the API returns me to 受付可 at the limit; the inquiry stays with its overrun
    await user.type(screen.getByLabelText('内容'), '見積もりの件');
    pushDesk({ ...inWrapUp(null, 'available') });
    await waitFor(() => expect(screen.getByTestId('desk-status')).toHaveTextContent('受付可'));
    expect(screen.getByRole('timer', { name: '後処理の超過時間' })).toBeInTheDocument();
    expect(screen.getByLabelText('内容')).toHaveValue('見積もりの件');
    expect(screen.getByLabelText('お名前')).toHaveValue('髙橋 健');

    await user.click(screen.getByRole('radio', { name: '不要' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('髙橋 健 様からのお問い合わせを記録しました。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/operator/calls/call-1/inquiry')).toHaveLength(1);
    expect(screen.queryByRole('timer', { name: '後処理の超過時間' })).not.toBeInTheDocument();
    expect(screen.getByTestId('desk-idle')).toBeInTheDocument();
  });

  it('keyboard shortcuts do not fire while typing in the form, except Ctrl+Enter which saves', async () => {
    const { user, phones, fetch } = setUp({
      desk: onCallDesk(),
      routes: {
        'POST /api/v1/operator/calls/call-1/inquiry': () =>
          json(201, { id: 'inq-1', callerName: '髙橋 健', callId: 'call-1' }),
      },
    });
    const phone = await ready(phones);
    const call = phone.ring('call-1', { resume: '1' });
    const content = await screen.findByLabelText('内容');
    await user.type(content, 'mh ');
    await user.type(screen.getByLabelText('ご用件の相手'), '{Escape}');
    expect(content).toHaveValue('mh ');
    expect(call.muted).toBe(false);
    expect(fetch.callsTo('POST /api/v1/operator/desk/calls/call-1/hold')).toHaveLength(0);
    expect(fetch.callsTo('POST /api/v1/operator/desk/calls/call-1/hang-up')).toHaveLength(0);

    // Ctrl+Enter saves from a field: first the form's checks …
    await user.type(content, '{Control>}{Enter}{/Control}');
    expect(await screen.findByText('要・不要のどちらかを選んでください。')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: '不要' }));
    await user.click(content);
    await user.keyboard('{Control>}{Enter}{/Control}');
    await waitFor(() => expect(fetch.callsTo('POST /api/v1/operator/calls/call-1/inquiry')).toHaveLength(1));
    expect(fetch.callsTo('POST /api/v1/operator/calls/call-1/inquiry')[0].body).toMatchObject({
      callerName: '髙橋 健',
      content: 'mh',
      callbackRequired: false,
    });
  });

  it('lists the waiting calls (VIP first) without a claim button for operators', async () => {
    setUp({
      waiting: [
        aCall({ id: 'call-2', customerName: '有限会社ふつう', startedAt: iso(-120_000) }),
        aCall({ id: 'call-3', customerName: '株式会社とくべつ', vip: true, fromDisplay: null, from: null }),
      ],
    });
    const list = await screen.findByTestId('waiting-calls');
    const rows = within(list).getAllByRole('listitem');
    expect(rows[0]).toHaveTextContent('VIP');
    expect(rows[0]).toHaveTextContent('株式会社とくべつ');
    expect(rows[0]).toHaveTextContent('非通知');
    expect(rows[1]).toHaveTextContent('有限会社ふつう');
    expect(rows[1]).toHaveTextContent(/2:0\d/);
    expect(within(list).queryByRole('button')).not.toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '待機中（2件）' })).toBeInTheDocument();
  });

  it('admins assign a waiting call to an available operator', async () => {
    const { user, fetch } = setUp({
      me: admin,
      waiting: [aCall({ id: 'call-2' })],
      routes: {
        'GET /api/v1/operator/desk/operators': () =>
          json(200, {
            items: [
              {
                userId: 'op-2',
                name: '鈴木 一郎',
                status: 'available',
                statusSince: iso(),
                connected: true,
                currentCallId: null,
              },
              {
                userId: 'op-3',
                name: '田中 二郎',
                status: 'break',
                statusSince: iso(),
                connected: true,
                currentCallId: null,
              },
              {
                userId: 'op-4',
                name: '高木 三郎',
                status: 'available',
                statusSince: iso(),
                connected: true,
                currentCallId: null,
              },
            ],
          }),
        'POST /api/v1/operator/desk/calls/call-2/assign': noContent,
      },
    });
    const row = await screen.findByTestId('call-call-2');
    await user.click(within(row).getByRole('button', { name: '割り当て' }));
    const select = await within(row).findByLabelText('割り当てるオペレーター');
    expect(
      within(select)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['鈴木 一郎', '高木 三郎']);
    await user.selectOptions(select, '高木 三郎');
    await user.click(within(row).getByRole('button', { name: '割り当てる' }));
    expect(await screen.findByText('高木 三郎 さんに割り当てました。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/operator/desk/calls/call-2/assign')[0].body).toEqual({
      operatorId: 'op-4',
    });
  });

  it('the English desk is complete', async () => {
    const sse = sseServer();
    servers.push(sse);
    const phones = softphones();
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': () => json(200, aSession(operator)),
      'GET /api/v1/operator/calls': () => json(200, { waiting: [], mine: [], serverTime: iso() }),
      'GET /api/v1/operator/calls/stream': sse.handler,
      'GET /api/v1/operator/desk': () => json(200, onCallDesk()),
      'POST /api/v1/operator/desk/softphone-token': () => json(200, aToken()),
      'GET /api/v1/operator/calls/call-1/screen-pop': () => json(200, aPop({ call: answeredCall() })),
    });
    renderDesk({ fetch, factory: phones.factory, language: 'en' });
    await waitFor(() =>
      expect(screen.getByTestId('softphone-status')).toHaveTextContent('Phone: Registered'),
    );
    for (const name of ['Available', 'Break', 'Away', 'Answer', 'Mute', 'Hold', 'Hang up']) {
      expect(screen.getByRole('button', { name })).toBeInTheDocument();
    }
    expect(await screen.findByRole('timer', { name: 'Call time' })).toBeInTheDocument();
  });
});
