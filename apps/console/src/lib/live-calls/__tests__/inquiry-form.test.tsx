import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { aDesk, aToken, renderDesk, softphones, sseServer } from '../../../features/desk/__tests__/desk-kit';
import { applyCallEvent, type CallEvent, type OperatorCalls } from '../get-calls';

const operator = aStaffMember({ id: 'op-1', role: 'operator' });

const aCall = (overrides: Record<string, unknown> = {}) => ({
  id: 'call-1',
  state: 'claimed',
  accountId: 'acc-1',
  customerName: '株式会社サンプル商事',
  companyName: '株式会社サンプル商事',
  contactName: '山田 太郎',
  to: '+81312345678',
  toDisplay: '03-1234-5678',
  from: '+819012345678',
  fromDisplay: '090-1234-5678',
  startedAt: new Date(Date.now() - 65_000).toISOString(),
  claimedBy: 'op-1',
  claimedAt: new Date().toISOString(),
  endedAt: null,
  endStatus: null,
  inquiryId: null,
  vip: false,
  offeredTo: null,
  answeredAt: new Date().toISOString(),
  onHold: false,
  outcome: 'answered',
  waitSeconds: 10,
  ...overrides,
});

const aPop = (overrides: Record<string, unknown> = {}) => ({
  call: aCall(),
  greeting: 'お電話ありがとうございます。株式会社サンプル商事でございます。',
  elapsedSeconds: 65,
  answerMemo: { memo: null, qa: [] },
  previousInquiries: [],
  contact: null,
  ...overrides,
});

const recorded = {
  id: 'inq-1',
  accountId: 'acc-1',
  callId: 'call-1',
  receivedAt: new Date().toISOString(),
  callerNumber: '+819012345678',
  callerName: '髙橋 健',
  callerCompany: '株式会社髙橋',
  forWhom: null,
  callbackRequired: true,
  callbackNumber: '+819012345678',
  callbackNumberDisplay: '090-1234-5678',
  category: 'normal',
  content: '見積もりの件',
  urgent: true,
  status: 'unhandled',
  recordedByName: 'オペレーター',
  createdAt: new Date().toISOString(),
};

let streams: ReturnType<typeof sseServer>[] = [];
afterEach(() => {
  for (const s of streams) s.end();
  streams = [];
});

/** The desk in wrap-up after the call; the screen pop shows `pop`; saving answers `save`. */
function setUp(pop: Record<string, unknown>, save: () => Response = () => json(201, recorded)) {
  const sse = sseServer();
  streams.push(sse);
  const phones = softphones();
  let mine = [aCall({ state: 'ended' })];
  let deskStatus = 'wrap_up';
  const fetch = createFakeFetch({
    'POST /api/v1/admin/auth/refresh': () => json(200, aSession(operator)),
    'GET /api/v1/operator/calls': () =>
      json(200, { waiting: [], mine, serverTime: new Date().toISOString() }),
    'GET /api/v1/operator/calls/stream': sse.handler,
    'GET /api/v1/operator/desk': () =>
      json(
        200,
        aDesk({
          status: deskStatus,
          call: deskStatus === 'wrap_up' ? aCall({ state: 'ended' }) : null,
          wrapUpUntil: new Date(Date.now() + 60_000).toISOString(),
        }),
      ),
    'POST /api/v1/operator/desk/softphone-token': () => json(200, aToken()),
    'GET /api/v1/operator/calls/call-1/screen-pop': () => json(200, pop),
    'POST /api/v1/operator/calls/call-1/inquiry': () => {
      const response = save();
      if (response.status === 201) {
        // saving ends wrap-up
        mine = [];
        deskStatus = 'available';
      }
      return response;
    },
  });
  return { fetch, ...renderDesk({ fetch, factory: phones.factory }) };
}

/** On reload in wrap-up the desk opens the call's screen pop by itself. */
async function openPop(_user: ReturnType<typeof setUp>['user']) {
  return screen.findByTestId('screen-pop');
}

describe('inquiry form in the screen pop (R4.1)', () => {
  it('prefills the listed caller and the caller ID, shows the contact with its VIP badge, and saves', async () => {
    const { user, fetch } = setUp(
      aPop({
        contact: { id: 'c-1', name: '髙橋 健', reading: 'たかはし けん', company: '株式会社髙橋', vip: true },
      }),
    );
    const pop = await openPop(user);
    const known = within(pop).getByTestId('known-caller');
    expect(known).toHaveTextContent('髙橋 健');
    expect(known).toHaveTextContent('たかはし けん');
    expect(known).toHaveTextContent('株式会社髙橋');
    expect(known).toHaveTextContent('VIP');

    expect(screen.getByLabelText('お名前')).toHaveValue('髙橋 健');
    expect(screen.getByLabelText('会社名')).toHaveValue('株式会社髙橋');
    expect(screen.getByLabelText('折り返し先')).toHaveValue('090-1234-5678');
    const category = screen.getByLabelText('区分');
    expect(
      within(category)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['通常', '営業', '間違い電話', 'テスト', '無言']);

    await user.click(screen.getByRole('radio', { name: '要' }));
    await user.type(screen.getByLabelText('ご用件の相手'), '田中様');
    await user.selectOptions(category, '営業');
    await user.type(screen.getByLabelText('内容'), '見積もりの件');
    expect(screen.getByTestId('content-count')).toHaveTextContent('6 / 2000文字');
    await user.click(screen.getByRole('checkbox', { name: '急ぎ' }));
    await user.click(screen.getByRole('button', { name: '保存' }));

    expect(await screen.findByText('髙橋 健 様からのお問い合わせを記録しました。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/operator/calls/call-1/inquiry')[0].body).toEqual({
      callerName: '髙橋 健',
      callerCompany: '株式会社髙橋',
      forWhom: '田中様',
      callbackRequired: true,
      callbackNumber: '090-1234-5678',
      category: 'sales',
      content: '見積もりの件',
      urgent: true,
    });
    expect(screen.queryByTestId('screen-pop')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.queryByTestId('unrecorded-call-1')).not.toBeInTheDocument());
  });

  it('checks the form before sending: name, 要/不要, call-back number when required, content', async () => {
    const { user, fetch } = setUp(aPop({ call: aCall({ from: null, fromDisplay: null }) }));
    await openPop(user);
    expect(screen.getByLabelText('お名前')).toHaveValue('');
    expect(screen.getByLabelText('折り返し先')).toHaveValue('');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('要・不要のどちらかを選んでください。')).toBeInTheDocument();
    expect(screen.getAllByText('入力してください。')).toHaveLength(2); // name and content
    await user.click(screen.getByRole('radio', { name: '要' }));
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(
      await screen.findByText('折り返しが必要な場合は折り返し先を入力してください。'),
    ).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/operator/calls/call-1/inquiry')).toHaveLength(0);
  });

  it('shows the API’s field errors next to the fields', async () => {
    const { user } = setUp(aPop(), () =>
      problem(422, 'VALIDATION_FAILED', {
        errors: [
          { pointer: '/body/callbackNumber', code: 'PHONE_NUMBER_INVALID', message: 'x' },
          { pointer: '/body/content', code: 'MAX_LENGTH', message: 'x' },
        ],
      }),
    );
    await openPop(user);
    await user.type(screen.getByLabelText('お名前'), '佐藤');
    await user.click(screen.getByRole('radio', { name: '不要' }));
    await user.type(screen.getByLabelText('内容'), '用件');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByText('日本の電話番号を入力してください。')).toBeInTheDocument();
    expect(screen.getByText('文字数が多すぎます。')).toBeInTheDocument();
    expect(screen.getByTestId('screen-pop')).toBeInTheDocument();
  });

  it('says when the call was already recorded (409)', async () => {
    const { user } = setUp(aPop(), () => problem(409, 'INQUIRY_ALREADY_RECORDED'));
    await openPop(user);
    await user.type(screen.getByLabelText('お名前'), '佐藤');
    await user.click(screen.getByRole('radio', { name: '不要' }));
    await user.type(screen.getByLabelText('内容'), '用件');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'この着信のお問い合わせはすでに記録されています。',
    );
  });
});

describe('applyCallEvent: my calls until recorded', () => {
  const snapshot = (mine: unknown[]) =>
    ({ waiting: [], mine, serverTime: new Date().toISOString() }) as unknown as OperatorCalls;
  const event = (type: string, call: Record<string, unknown>) =>
    ({ type, call: aCall(call), at: new Date().toISOString() }) as unknown as CallEvent;

  it('keeps a call I took after the caller hangs up, and drops it once recorded', () => {
    const ended = applyCallEvent(snapshot([aCall()]), event('call.ended', { state: 'ended' }), 'op-1');
    expect(ended.mine.map((c) => c.state)).toEqual(['ended']);
    const done = applyCallEvent(
      ended,
      event('call.recorded', { state: 'ended', inquiryId: 'inq-1' }),
      'op-1',
    );
    expect(done.mine).toEqual([]);
    // a recorded call that ends later does not come back; another operator's call never shows
    expect(
      applyCallEvent(done, event('call.ended', { state: 'ended', inquiryId: 'inq-1' }), 'op-1').mine,
    ).toEqual([]);
    expect(applyCallEvent(done, event('call.ended', { claimedBy: 'op-2' }), 'op-1').mine).toEqual([]);
  });
});
