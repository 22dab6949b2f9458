import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, aSession } from '../../../testing/data';
import { createFakeFetch, json, noContent, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';
import type { RoutingRule, RoutingRules } from '../api/routing-rules';

const REFRESH = 'POST /api/v1/auth/refresh';
const LIST = 'GET /api/v1/notifications/routing-rules';
const CREATE = 'POST /api/v1/notifications/routing-rules';
const ORDER = 'PUT /api/v1/notifications/routing-rules/order';

const MEMBERS: RoutingRules['members'] = [
  { id: 'u1', name: '山田 太郎', email: 'yamada@example.jp', role: 'owner' },
  { id: 'u2', name: '田中 花子', email: 'tanaka@example.jp', role: 'member' },
];
const SALES: RoutingRule = {
  id: 'r1',
  priority: 1,
  name: '営業電話はメールだけ',
  forWhomContains: null,
  callbackRequired: null,
  urgent: null,
  categories: ['sales'],
  channels: ['email'],
  emailAddressIds: [],
  memberIds: [],
  updatedAt: '2026-11-25T01:00:00.000Z',
};
const TANAKA: RoutingRule = {
  id: 'r2',
  priority: 2,
  name: '田中宛ての急ぎ',
  forWhomContains: '田中',
  callbackRequired: true,
  urgent: true,
  categories: [],
  channels: ['email', 'chatwork'],
  emailAddressIds: ['a1'],
  memberIds: ['u2'],
  updatedAt: '2026-11-25T01:00:00.000Z',
};
const rules = (items: RoutingRule[]): RoutingRules => ({ items, max: 20, members: MEMBERS });

function setup(routes: Parameters<typeof createFakeFetch>[0] = {}, role: 'owner' | 'member' = 'owner') {
  const fetch = createFakeFetch({
    [REFRESH]: () => json(200, aSession(aCustomer({ role }))),
    'GET /api/v1/notifications/email': () =>
      json(200, { address: 'desk@example.jp', addresses: ['desk@example.jp'], source: 'notification_email' }),
    'GET /api/v1/chatwork': () => json(200, { linked: false }),
    'GET /api/v1/notifications/email-addresses': () =>
      json(200, {
        items: [
          {
            id: 'a1',
            email: 'desk@example.jp',
            status: 'confirmed',
            confirmedAt: '2026-11-25T02:00:00.000Z',
            confirmationSentAt: '2026-11-25T01:00:00.000Z',
            createdAt: '2026-11-25T01:00:00.000Z',
          },
        ],
        max: 10,
        fallbackAddress: null,
        fallbackSource: null,
      }),
    [LIST]: () => json(200, rules([SALES, TANAKA])),
    ...routes,
  });
  renderApp({ route: '/notifications', fetch });
  return fetch;
}

describe('通知ルール card (R8.3)', () => {
  it('explains first-match-wins with the sales example and lists rules in priority order', async () => {
    setup();
    const card = await screen.findByTestId('routing-rules-card');
    expect(card).toHaveTextContent('最初に当てはまったルールだけが使われます');
    expect(card).toHaveTextContent('営業電話はメールだけ');
    const items = await within(card).findAllByTestId('routing-rule');
    expect(items[0]).toHaveTextContent('優先順位 1');
    expect(items[0]).toHaveTextContent('分類: 営業 → メール');
    expect(items[1]).toHaveTextContent('優先順位 2');
    expect(items[1]).toHaveTextContent('誰宛てに「田中」を含む / 折り返し必要 / 急ぎ → メール・Chatwork');
    expect(items[1]).toHaveTextContent('メール送信先: desk@example.jp、田中 花子');
  });

  it('adds "sales calls to e-mail only" through the form', async () => {
    const fetch = setup({
      [LIST]: [() => json(200, rules([])), () => json(200, rules([SALES]))],
      [CREATE]: () => json(201, SALES),
    });
    const card = await screen.findByTestId('routing-rules-card');
    expect(await within(card).findByText(/通知ルールはありません/)).toBeInTheDocument();
    fireEvent.click(within(card).getByRole('button', { name: 'ルールを追加' }));
    const form = within(card).getByTestId('routing-rule-form');
    fireEvent.change(within(form).getByLabelText('ルール名'), { target: { value: '営業電話はメールだけ' } });
    fireEvent.click(within(form).getByLabelText('営業'));
    // e-mail is ticked by default; nothing else
    expect(within(form).getByLabelText('メール')).toBeChecked();
    expect(within(form).getByLabelText('Chatwork')).not.toBeChecked();
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(fetch.callsTo(CREATE)).toHaveLength(1));
    expect(fetch.callsTo(CREATE)[0]!.body).toEqual({
      name: '営業電話はメールだけ',
      forWhomContains: null,
      callbackRequired: null,
      urgent: null,
      categories: ['sales'],
      channels: ['email'],
      emailAddressIds: [],
      memberIds: [],
    });
    expect(await within(card).findAllByTestId('routing-rule')).toHaveLength(1);
    expect(within(card).queryByTestId('routing-rule-form')).toBeNull();
  });

  it('edits a rule with its choices filled in, and shows a refused field', async () => {
    const fetch = setup({
      'PUT /api/v1/notifications/routing-rules/r2': () =>
        problem(422, 'VALIDATION_FAILED', {
          errors: [{ pointer: '/body/memberIds/0', code: 'NOT_OF_ACCOUNT', message: 'x' }],
        }),
    });
    const card = await screen.findByTestId('routing-rules-card');
    const second = (await within(card).findAllByTestId('routing-rule'))[1]!;
    fireEvent.click(within(second).getByRole('button', { name: '編集' }));
    const form = within(card).getByTestId('routing-rule-form');
    expect(within(form).getByLabelText('ルール名')).toHaveValue('田中宛ての急ぎ');
    expect(within(form).getByLabelText('誰宛てに次の文字を含む（空欄はすべて）')).toHaveValue('田中');
    expect(within(form).getByLabelText('折り返し')).toHaveValue('yes');
    expect(within(form).getByLabelText('Chatwork')).toBeChecked();
    expect(within(form).getByLabelText('desk@example.jp')).toBeChecked();
    expect(within(form).getByLabelText('田中 花子 <tanaka@example.jp>')).toBeChecked();
    fireEvent.change(within(form).getByLabelText('急ぎ'), { target: { value: 'any' } });
    fireEvent.click(within(form).getByRole('button', { name: '保存' }));
    await waitFor(() => expect(fetch.callsTo('PUT /api/v1/notifications/routing-rules/r2')).toHaveLength(1));
    expect(fetch.callsTo('PUT /api/v1/notifications/routing-rules/r2')[0]!.body).toMatchObject({
      urgent: null,
      callbackRequired: true,
      memberIds: ['u2'],
    });
    expect(await within(form).findByText(/./, { selector: '.field__error' })).toBeInTheDocument();
  });

  it('moves a rule up and deletes one after a confirmation', async () => {
    const fetch = setup({
      [ORDER]: () =>
        json(
          200,
          rules([
            { ...TANAKA, priority: 1 },
            { ...SALES, priority: 2 },
          ]),
        ),
      'DELETE /api/v1/notifications/routing-rules/r1': () => noContent(),
    });
    const card = await screen.findByTestId('routing-rules-card');
    const items = await within(card).findAllByTestId('routing-rule');
    expect(within(items[0]!).getByRole('button', { name: '上へ' })).toBeDisabled();
    fireEvent.click(within(items[1]!).getByRole('button', { name: '上へ' }));
    await waitFor(() => expect(fetch.callsTo(ORDER)[0]?.body).toEqual({ ruleIds: ['r2', 'r1'] }));
    await waitFor(() =>
      expect(within(card).getAllByTestId('routing-rule')[0]).toHaveTextContent('田中宛ての急ぎ'),
    );

    const sales = within(card).getAllByTestId('routing-rule')[1]!;
    fireEvent.click(within(sales).getByRole('button', { name: '削除' }));
    expect(
      within(sales).getByText('ルール「営業電話はメールだけ」を削除します。よろしいですか？'),
    ).toBeInTheDocument();
    fireEvent.click(within(sales).getByRole('button', { name: '削除する' }));
    await waitFor(() =>
      expect(fetch.callsTo('DELETE /api/v1/notifications/routing-rules/r1')).toHaveLength(1),
    );
  });

  it('shows members the rules without any way to change them', async () => {
    setup({}, 'member');
    const card = await screen.findByTestId('routing-rules-card');
    expect(await within(card).findAllByTestId('routing-rule')).toHaveLength(2);
    expect(card).toHaveTextContent('通知ルールの追加・変更はオーナーが行えます。');
    expect(within(card).queryByRole('button')).toBeNull();
  });
});
