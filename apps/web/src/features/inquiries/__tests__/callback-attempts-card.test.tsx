import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import { japanTimeToIso } from '../components/callback-attempts-card';
import type { InquiryCallbackAttempt } from '../api/inquiry-filters';
import { anInquiryDetail } from './inquiry-data';

const REFRESH = 'POST /api/v1/auth/refresh';
const DETAIL = 'GET /api/v1/inquiries/inq-1';
const ATTEMPTS = 'POST /api/v1/inquiries/inq-1/callback-attempts';

const anAttempt = (overrides: Partial<InquiryCallbackAttempt> = {}): InquiryCallbackAttempt => ({
  id: 'att-1',
  attemptedAt: '2026-11-25T02:00:00.000Z',
  outcome: 'no_answer',
  note: null,
  actorKind: 'customer',
  actorName: '山田 太郎',
  createdAt: '2026-11-25T02:00:00.000Z',
  ...overrides,
});

describe('折り返し記録 (R8.7)', () => {
  it('lists the attempts newest first with outcome, who and note', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [DETAIL]: () =>
        json(
          200,
          anInquiryDetail({
            callbackAttempts: [
              anAttempt({
                id: 'att-2',
                attemptedAt: '2026-11-25T03:00:00.000Z',
                outcome: 'voicemail',
                actorKind: 'api_key',
                actorName: '顧客管理システム',
                note: '折り返しの旨を残した',
              }),
              anAttempt(),
            ],
          }),
        ),
    });
    renderApp({ route: '/inquiries/inq-1', fetch });
    const list = await screen.findByTestId('callback-attempts');
    const items = within(list).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('2026/11/25 12:00');
    expect(items[0]).toHaveTextContent('留守電');
    expect(items[0]).toHaveTextContent('APIキー「顧客管理システム」');
    expect(items[0]).toHaveTextContent('折り返しの旨を残した');
    expect(items[1]).toHaveTextContent('2026/11/25 11:00');
    expect(items[1]).toHaveTextContent('不在');
    expect(items[1]).toHaveTextContent('山田 太郎');
  });

  it('logs an attempt with a note and, when ticked, marks the inquiry 対応済み', async () => {
    const handled = anInquiryDetail({
      status: 'handled',
      callbackAttempts: [anAttempt({ outcome: 'reached', note: '見積もりを送ることに' })],
    });
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [DETAIL]: [() => json(200, anInquiryDetail()), () => json(200, handled)],
      [ATTEMPTS]: () => json(201, anAttempt({ outcome: 'reached', note: '見積もりを送ることに' })),
    });
    const { user } = renderApp({ route: '/inquiries/inq-1', fetch });
    expect(await screen.findByText('折り返しの記録はまだありません。')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: '折り返しを記録' });

    await user.click(within(form).getByRole('button', { name: '記録する' }));
    expect(within(form).getByText('結果を選んでください。')).toBeInTheDocument();
    expect(fetch.callsTo(ATTEMPTS)).toHaveLength(0);

    await user.selectOptions(within(form).getByLabelText('結果'), '話せた');
    await user.type(within(form).getByLabelText('メモ（任意）'), '見積もりを送ることに');
    await user.click(within(form).getByLabelText('対応済みにする'));
    await user.click(within(form).getByRole('button', { name: '記録する' }));

    expect(await screen.findByText('折り返しを記録しました。')).toBeInTheDocument();
    expect(fetch.callsTo(ATTEMPTS)[0].body).toEqual({
      outcome: 'reached',
      note: '見積もりを送ることに',
      markHandled: true,
    });
    expect(await screen.findByTestId('callback-attempts')).toHaveTextContent('話せた');
    expect(await within(screen.getByTestId('inquiry-fields')).findByText('対応済み')).toBeInTheDocument();
  });

  it('sends a given time as Japan time, checks it first, and shows the API’s field error', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [DETAIL]: () => json(200, anInquiryDetail({ receivedAt: '2026-11-25T01:30:00.000Z' })),
      [ATTEMPTS]: [
        () =>
          problem(422, 'VALIDATION_FAILED', {
            errors: [{ pointer: '/body/attemptedAt', code: 'DATE_IN_FUTURE', message: 'future' }],
          }),
        () => json(201, anAttempt({ attemptedAt: '2026-11-25T01:45:00.000Z' })),
      ],
    });
    const { user } = renderApp({ route: '/inquiries/inq-1', fetch });
    const form = await screen.findByRole('form', { name: '折り返しを記録' });
    await user.selectOptions(within(form).getByLabelText('結果'), '不在');
    const time = within(form).getByLabelText('日時（任意）');

    fireEvent.change(time, { target: { value: '2099-01-01T10:00' } });
    await user.click(within(form).getByRole('button', { name: '記録する' }));
    expect(within(form).getByText('未来の日時は記録できません。')).toBeInTheDocument();

    fireEvent.change(time, { target: { value: '2026-11-25T10:00' } });
    await user.click(within(form).getByRole('button', { name: '記録する' }));
    expect(within(form).getByText('お問い合わせの受付より前の日時は記録できません。')).toBeInTheDocument();
    expect(fetch.callsTo(ATTEMPTS)).toHaveLength(0);

    fireEvent.change(time, { target: { value: '2026-11-25T10:45' } });
    await user.click(within(form).getByRole('button', { name: '記録する' }));
    expect(await within(form).findByText('未来の日時は記録できません。')).toBeInTheDocument();
    expect(fetch.callsTo(ATTEMPTS)[0].body).toEqual({
      outcome: 'no_answer',
      attemptedAt: '2026-11-25T01:45:00.000Z',
      markHandled: false,
    });

    await user.click(within(form).getByRole('button', { name: '記録する' }));
    expect(await screen.findByText('折り返しを記録しました。')).toBeInTheDocument();
    expect(screen.getByTestId('callback-attempts')).toHaveTextContent('2026/11/25 10:45');
  });

  it('reads a datetime-local value as Japan time', () => {
    expect(japanTimeToIso('2026-11-25T09:00')).toBe('2026-11-25T00:00:00.000Z');
    expect(japanTimeToIso('2026-11-25')).toBeNull();
    expect(japanTimeToIso('')).toBeNull();
  });
});
