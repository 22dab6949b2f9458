import { screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import { anInquiry, page } from './inquiry-data';

const REFRESH = 'POST /api/v1/auth/refresh';
const LIST = 'GET /api/v1/inquiries';
const BULK = 'POST /api/v1/inquiries/status';
const CSV = 'GET /api/v1/inquiries/export.csv';
const ASSIGNEES = 'GET /api/v1/inquiries/assignees';
const noAssignees = () => json(200, { items: [] });

const queryOf = (request: Request) => new URL(request.url).searchParams;

afterEach(() => vi.restoreAllMocks());

describe('お問い合わせ list', () => {
  it('shows every inquiry; handled ones are greyed out with a 対応済み badge and stay readable', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [ASSIGNEES]: noAssignees,
      [LIST]: () =>
        json(
          200,
          page([
            anInquiry({ id: 'a', callerName: '佐藤 花子', callbackRequired: true, urgent: true }),
            anInquiry({ id: 'b', callerName: '鈴木 次郎', status: 'handled', category: 'sales' }),
          ]),
        ),
    });
    renderApp({ route: '/inquiries', fetch });
    const table = await screen.findByRole('table', { name: 'お問い合わせ一覧' });
    const rows = within(table).getAllByTestId('inquiry-row');
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveClass('inquiry-row--unhandled');
    expect(rows[0]).not.toHaveClass('inquiry-row--handled');
    expect(within(rows[0]).getByText('未対応')).toBeInTheDocument();
    expect(within(rows[0]).getByText('急ぎ')).toBeInTheDocument();
    expect(within(rows[0]).getByText('要')).toHaveClass('badge--callback');
    expect(rows[1]).toHaveClass('inquiry-row--handled');
    expect(within(rows[1]).getByText('対応済み')).toBeInTheDocument();
    expect(within(rows[1]).getByText('鈴木 次郎')).toBeVisible();
    expect(within(rows[1]).getByText('営業')).toBeInTheDocument();
    // received time in Japan time; the caller's name links to the detail (the link covers the row)
    expect(within(rows[0]).getByText('2026/11/25 10:30')).toBeInTheDocument();
    expect(rows[0]).toHaveClass('is-link');
    expect(within(rows[0]).getByRole('link', { name: '佐藤 花子' })).toHaveAttribute('href', '/inquiries/a');
  });

  it('puts the filters and the search into the URL and asks the API with them', async () => {
    const requests: URLSearchParams[] = [];
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [ASSIGNEES]: noAssignees,
      [LIST]: (request) => {
        requests.push(queryOf(request));
        return json(200, page([anInquiry()]));
      },
    });
    const { user, router } = renderApp({ route: '/inquiries', fetch });
    await screen.findByRole('table', { name: 'お問い合わせ一覧' });
    const form = screen.getByRole('search', { name: '絞り込み' });
    await user.type(within(form).getByLabelText('キーワード'), ' ０３ ');
    await user.selectOptions(within(form).getByLabelText('対応状況'), '未対応');
    await user.selectOptions(within(form).getByLabelText('折り返し'), '要');
    await user.click(within(form).getByLabelText('営業'));
    await user.click(within(form).getByLabelText('テスト'));
    await user.selectOptions(within(form).getByLabelText('担当者'), '自分');
    await user.type(within(form).getByLabelText('受付日（から）'), '2026-11-01');
    await user.type(within(form).getByLabelText('受付日（まで）'), '2026-11-25');
    await user.click(within(form).getByRole('button', { name: '絞り込む' }));

    await vi.waitFor(() => expect(requests).toHaveLength(2));
    const url = new URLSearchParams(router.state.location.search);
    expect(url.get('q')).toBe('０３');
    expect(url.get('status')).toBe('unhandled');
    expect(url.get('callback')).toBe('required');
    expect(url.getAll('category')).toEqual(['sales', 'test']);
    expect(url.get('from')).toBe('2026-11-01');
    expect(url.get('to')).toBe('2026-11-25');
    expect(url.get('assignee')).toBe('me');
    const sent = requests[1];
    expect(sent.get('q')).toBe('０３');
    expect(sent.get('status')).toBe('unhandled');
    expect(sent.get('callback')).toBe('required');
    expect(sent.getAll('category')).toEqual(['sales', 'test']);
    expect(sent.get('from')).toBe('2026-11-01');
    expect(sent.get('to')).toBe('2026-11-25');
    expect(sent.get('assignee')).toBe('me');

    // the form reads the URL back (e.g. a shared link), and clearing empties it
    expect(within(screen.getByRole('search')).getByLabelText('キーワード')).toHaveValue('０３');
    await user.click(within(screen.getByRole('search')).getByRole('button', { name: '条件をクリア' }));
    expect(router.state.location.search).toBe('');
  });

  it('starts from the filters of a shared URL', async () => {
    const requests: URLSearchParams[] = [];
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [ASSIGNEES]: noAssignees,
      [LIST]: (request) => {
        requests.push(queryOf(request));
        return json(200, page([]));
      },
    });
    renderApp({
      route: '/inquiries?status=handled&category=silent&q=%E7%94%B0%E4%B8%AD&status=bogus',
      fetch,
    });
    expect(await screen.findByText('条件に合うお問い合わせはありません。')).toBeInTheDocument();
    expect(requests[0].get('status')).toBe('handled');
    expect(requests[0].getAll('category')).toEqual(['silent']);
    expect(requests[0].get('q')).toBe('田中');
    expect(screen.getByLabelText('対応状況')).toHaveValue('handled');
  });

  it('loads more with the cursor', async () => {
    const requests: URLSearchParams[] = [];
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [ASSIGNEES]: noAssignees,
      [LIST]: [
        (request) => {
          requests.push(queryOf(request));
          return json(200, page([anInquiry({ id: 'a', callerName: '一人目' })], 'cursor-1'));
        },
        (request) => {
          requests.push(queryOf(request));
          return json(200, page([anInquiry({ id: 'b', callerName: '二人目' })]));
        },
      ],
    });
    const { user } = renderApp({ route: '/inquiries', fetch });
    await screen.findByText('一人目');
    await user.click(screen.getByRole('button', { name: 'もっと見る' }));
    expect(await screen.findByText('二人目')).toBeInTheDocument();
    expect(screen.getByText('一人目')).toBeInTheDocument();
    expect(requests[0].get('cursor')).toBeNull();
    expect(requests[1].get('cursor')).toBe('cursor-1');
    expect(screen.queryByRole('button', { name: 'もっと見る' })).not.toBeInTheDocument();
  });

  it('updates the status of the ticked rows at once (select all on the page)', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [ASSIGNEES]: noAssignees,
      [LIST]: [
        () =>
          json(
            200,
            page([
              anInquiry({ id: 'a', callerName: '一人目' }),
              anInquiry({ id: 'b', callerName: '二人目' }),
              anInquiry({ id: 'c', callerName: '三人目' }),
            ]),
          ),
        () =>
          json(
            200,
            page([
              anInquiry({ id: 'a', callerName: '一人目', status: 'handled' }),
              anInquiry({ id: 'b', callerName: '二人目', status: 'handled' }),
              anInquiry({ id: 'c', callerName: '三人目', status: 'handled' }),
            ]),
          ),
      ],
      [BULK]: (_request, body) => json(200, { updatedIds: (body as { ids: string[] }).ids }),
    });
    const { user } = renderApp({ route: '/inquiries', fetch });
    await screen.findByText('一人目');
    const update = screen.getByRole('button', { name: '対応状況を更新' });
    expect(update).toBeDisabled();
    await user.click(screen.getByLabelText('二人目 のお問い合わせを選択'));
    expect(screen.getByText('1件を選択中')).toBeInTheDocument();
    await user.click(screen.getByLabelText('表示中のすべてを選択'));
    expect(screen.getByText('3件を選択中')).toBeInTheDocument();
    await user.click(
      within(screen.getByRole('group', { name: '選択したお問い合わせの対応状況' })).getByLabelText(
        '対応済み',
      ),
    );
    await user.click(update);

    expect(await screen.findByText('3件の対応状況を更新しました。')).toBeInTheDocument();
    expect(fetch.callsTo(BULK)[0].body).toEqual({ ids: ['a', 'b', 'c'], status: 'handled' });
    await vi.waitFor(() =>
      expect(
        screen.getAllByTestId('inquiry-row').every((r) => r.classList.contains('inquiry-row--handled')),
      ).toBe(true),
    );
    expect(screen.getByLabelText('表示中のすべてを選択')).not.toBeChecked();
  });

  it('downloads the CSV of the current filters with the bearer token', async () => {
    const createObjectURL = vi.fn(() => 'blob:csv');
    const revokeObjectURL = vi.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const clicks: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicks.push(this.download);
    });
    let csvQuery: URLSearchParams | null = null;
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [ASSIGNEES]: noAssignees,
      [LIST]: () => json(200, page([anInquiry()])),
      [CSV]: (request) => {
        csvQuery = queryOf(request);
        return new Response('\uFEFF受付日時 (JST)\r\n', {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="inquiries-20261125.csv"',
          },
        });
      },
    });
    const { user } = renderApp({ route: '/inquiries?status=unhandled&q=%E8%A6%8B%E7%A9%8D', fetch });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'CSVをダウンロード' }));
    await vi.waitFor(() => expect(clicks).toEqual(['inquiries-20261125.csv']));
    expect(csvQuery!.get('status')).toBe('unhandled');
    expect(csvQuery!.get('q')).toBe('見積');
    expect(fetch.callsTo(CSV)[0].authorization).toBe('Bearer access-1');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
  });
  it('says how long to wait when CSV exports are rate-limited (429)', async () => {
    const fetch = createFakeFetch({
      [REFRESH]: () => json(200, aSession()),
      [ASSIGNEES]: noAssignees,
      [LIST]: () => json(200, page([anInquiry()])),
      [CSV]: () => problem(429, 'RATE_LIMITED', {}, { 'Retry-After': '90' }),
    });
    const { user } = renderApp({ route: '/inquiries', fetch });
    await screen.findByRole('table');
    await user.click(screen.getByRole('button', { name: 'CSVをダウンロード' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'リクエストが多すぎます。2分ほど待ってから再度お試しください。',
    );
  });
});
