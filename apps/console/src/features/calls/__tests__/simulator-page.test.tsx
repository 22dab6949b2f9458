import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const result = (overrides: Record<string, unknown>) => ({
  callSid: 'CA0123456789abcdef0123456789abcdef',
  outcome: 'queued',
  closedReason: null,
  alwaysOpen: false,
  operatorsAvailable: 0,
  heard: [],
  via: 'twilio-fake',
  webhook: 'voice',
  url: 'http://localhost:3000/api/v1/telephony/voice',
  httpStatus: 200,
  contentType: 'text/xml',
  body: '<Response><Say>…</Say></Response>',
  ...overrides,
});

function simulatorFetch(enabled: boolean, answer = result({})) {
  return createFakeFetch({
    'POST /api/v1/admin/auth/refresh': () => json(200, aSession(aStaffMember({ role: 'operator' }))),
    'GET /api/v1/admin/telephony/simulator': () =>
      json(200, { enabled, phoneUrl: enabled ? 'http://127.0.0.1:12380/phone' : null }),
    'GET /api/v1/admin/numbers': () =>
      json(200, { items: [{ id: 'n-1', display: '03-4500-0001' }], nextCursor: null }),
    'POST /api/v1/admin/telephony/simulate': () => json(200, answer),
  });
}

describe('the call simulator (development and demos only)', () => {
  it('says in words what the caller heard and why, not just the TwiML', async () => {
    const fetch = simulatorFetch(
      true,
      result({
        outcome: 'out_of_hours',
        closedReason: 'closed_day',
        heard: [
          'お電話ありがとうございます。只今営業時間外の為、営業時間内におかけ直し頂くようお願い致します',
        ],
      }),
    );
    const { user } = renderApp({ route: '/calls/simulator', fetch });
    await user.click(await screen.findByRole('button', { name: '着信させる' }));
    const answer = await screen.findByTestId('simulator-answer');
    expect(answer).toHaveTextContent('受付時間外のため、時間外のご案内が流れて切れました。');
    expect(answer).toHaveTextContent('本日は受付のない曜日です。');
    expect(within(answer).getByRole('listitem')).toHaveTextContent('只今営業時間外の為');
    expect(screen.getByRole('link', { name: '発信者の電話（開発用）を開く' })).toHaveAttribute(
      'href',
      'http://127.0.0.1:12380/phone',
    );
    // The menu offers the page only because the API has the simulator switched on.
    expect(screen.getByRole('link', { name: '着信テスト' })).toBeInTheDocument();
  });

  it('tells the tester when no operator is available to take the queued call', async () => {
    const { user } = renderApp({ route: '/calls/simulator', fetch: simulatorFetch(true) });
    await user.click(await screen.findByRole('button', { name: '着信させる' }));
    expect(await screen.findByTestId('simulator-answer')).toHaveTextContent(
      '受付可のオペレーターがいないため',
    );
  });

  it('is not in the menu where the API has it switched off (production)', async () => {
    renderApp({ route: '/', fetch: simulatorFetch(false) });
    expect(await screen.findByTestId('welcome')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: '着信テスト' })).not.toBeInTheDocument();
  });
});
