import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import { anInquiryDetail } from './inquiry-data';

const REFRESH = 'POST /api/v1/auth/refresh';
const DETAIL = 'GET /api/v1/inquiries/inq-1';
const PATCH = 'PATCH /api/v1/inquiries/inq-1';

describe('お問い合わせの詳細', () => {
  it('shows every field, the call-back number as a tel: link, and updates the status', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [DETAIL]: () =>
        json(
          200,
          anInquiryDetail({
            callbackRequired: true,
            callbackNumber: '+81312345678',
            callbackNumberDisplay: '03-1234-5678',
            urgent: true,
            category: 'sales',
            content: '一行目\n二行目',
          }),
        ),
      [PATCH]: () =>
        json(
          200,
          anInquiryDetail({
            status: 'handled',
            statusChangedAt: '2026-11-25T02:00:00.000Z',
            statusChangedByName: '山田 太郎',
            statusHistory: [
              {
                fromStatus: 'unhandled',
                toStatus: 'handled',
                changedAt: '2026-11-25T02:00:00.000Z',
                actorKind: 'customer',
                actorName: '山田 太郎',
              },
            ],
          }),
        ),
    });
    const { user } = renderApp({ route: '/inquiries/inq-1', fetch });
    const fields = await screen.findByTestId('inquiry-fields');
    for (const text of [
      '佐藤 花子',
      '株式会社サンプル',
      '090-1234-5678',
      '田中',
      '要',
      '営業',
      '急ぎ',
      '未対応',
    ]) {
      expect(within(fields).getAllByText(text).length).toBeGreaterThan(0);
    }
    expect(within(fields).getByText(/一行目/)).toHaveTextContent('一行目 二行目');
    expect(within(fields).getByText('2026/11/25 10:30')).toBeInTheDocument();
    expect(within(fields).getByRole('link', { name: '03-1234-5678' })).toHaveAttribute(
      'href',
      'tel:+81312345678',
    );
    expect(screen.getByText('まだ変更されていません。')).toBeInTheDocument();

    const form = screen.getByRole('form', { name: '対応状況' });
    expect(within(form).getByLabelText('未対応')).toBeChecked();
    await user.click(within(form).getByLabelText('対応済み'));
    await user.click(within(form).getByRole('button', { name: '対応状況を更新' }));

    expect(await screen.findByText('対応状況を更新しました。')).toBeInTheDocument();
    expect(await screen.findByTestId('status-history')).toHaveTextContent('未対応 → 対応済み');
    expect(screen.getByTestId('status-history')).toHaveTextContent('山田 太郎');
    expect(screen.getByTestId('status-history')).toHaveTextContent('2026/11/25 11:00');
    expect(fetch.callsTo(PATCH)[0].body).toEqual({ status: 'handled' });
    expect(within(screen.getByTestId('inquiry-fields')).getByText('対応済み')).toBeInTheDocument();
  });

  it('names an API key in the history', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [DETAIL]: () =>
        json(
          200,
          anInquiryDetail({
            status: 'handled',
            statusHistory: [
              {
                fromStatus: 'unhandled',
                toStatus: 'handled',
                changedAt: '2026-11-25T02:00:00.000Z',
                actorKind: 'api_key',
                actorName: '顧客管理システム',
              },
            ],
          }),
        ),
    });
    renderApp({ route: '/inquiries/inq-1', fetch });
    expect(await screen.findByTestId('status-history')).toHaveTextContent('APIキー「顧客管理システム」');
  });

  it('says so when the inquiry is not found (or not this account’s)', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [DETAIL]: () => problem(404, 'INQUIRY_NOT_FOUND'),
    });
    renderApp({ route: '/inquiries/inq-1', fetch });
    expect(await screen.findByText('このお問い合わせは見つかりません。')).toBeInTheDocument();
  });

  it('assigns a member and adds an internal note (R8.7)', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [DETAIL]: () => json(200, anInquiryDetail()),
      'GET /api/v1/inquiries/assignees': () =>
        json(200, {
          items: [
            { id: 'user-1', name: '山田 太郎', role: 'owner' },
            { id: 'user-2', name: '鈴木 一郎', role: 'member' },
          ],
        }),
      'PUT /api/v1/inquiries/inq-1/assignee': () =>
        json(200, anInquiryDetail({ assigneeUserId: 'user-2', assigneeName: '鈴木 一郎' })),
      'POST /api/v1/inquiries/inq-1/notes': (_request, body) =>
        json(201, {
          id: 'note-1',
          body: (body as { body: string }).body,
          authorKind: 'customer',
          authorName: '山田 太郎',
          createdAt: '2026-11-25T03:00:00.000Z',
        }),
    });
    const { user } = renderApp({ route: '/inquiries/inq-1', fetch });
    const assignForm = await screen.findByRole('form', { name: '担当者' });
    await within(assignForm).findByRole('option', { name: '鈴木 一郎' });
    await user.selectOptions(within(assignForm).getByLabelText('担当者'), '鈴木 一郎');
    await user.click(within(assignForm).getByRole('button', { name: '担当者を変更' }));
    expect(await screen.findByText('担当者を変更しました。')).toBeInTheDocument();
    expect(fetch.callsTo('PUT /api/v1/inquiries/inq-1/assignee')[0].body).toEqual({ userId: 'user-2' });
    expect(within(screen.getByTestId('inquiry-fields')).getByText('鈴木 一郎')).toBeInTheDocument();

    const notesForm = screen.getByRole('form', { name: '社内メモ' });
    expect(screen.getByText('メモはまだありません。')).toBeInTheDocument();
    await user.click(within(notesForm).getByRole('button', { name: 'メモを追加' }));
    expect(within(notesForm).getByText('メモを入力してください。')).toBeInTheDocument();
    await user.type(within(notesForm).getByLabelText('メモを書く'), '明日の午前に折り返します');
    await user.click(within(notesForm).getByRole('button', { name: 'メモを追加' }));
    expect(await screen.findByTestId('inquiry-notes')).toHaveTextContent('明日の午前に折り返します');
    expect(screen.getByTestId('inquiry-notes')).toHaveTextContent('山田 太郎');
    expect(within(notesForm).getByLabelText('メモを書く')).toHaveValue('');
  });
});
