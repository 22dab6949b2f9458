import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const refresh = () => json(200, aSession(aCustomer({ account: anAccount({ state: 'active' }) })));

const aContact = (overrides: Record<string, unknown> = {}) => ({
  id: 'c-1',
  number: '+819012345678',
  numberDisplay: '090-1234-5678',
  name: '髙橋 健',
  reading: 'たかはし けん',
  company: '株式会社髙橋',
  vip: true,
  note: '社長のご友人',
  createdAt: '2026-11-20T01:00:00.000Z',
  updatedAt: '2026-11-20T01:00:00.000Z',
  ...overrides,
});

function setUp(routes: Parameters<typeof createFakeFetch>[0], initial: unknown[] = []) {
  let items = initial;
  const fetch = createFakeFetch({
    'POST /api/v1/auth/refresh': refresh,
    'GET /api/v1/contacts': () => json(200, { items }),
    ...routes,
  });
  return {
    fetch,
    setItems: (next: unknown[]) => {
      items = next;
    },
    ...renderApp({ route: '/contacts', fetch }),
  };
}

describe('発信者帳 page (R8.1)', () => {
  it('lists contacts with reading, company and VIP badge', async () => {
    setUp({}, [
      aContact(),
      aContact({ id: 'c-2', name: '青木', reading: null, company: null, vip: false, note: null }),
    ]);
    expect(await screen.findByRole('heading', { level: 1, name: '発信者帳' })).toBeInTheDocument();
    const row = await screen.findByTestId('contact-c-1');
    expect(row).toHaveTextContent('髙橋 健');
    expect(row).toHaveTextContent('たかはし けん');
    expect(row).toHaveTextContent('株式会社髙橋');
    expect(row).toHaveTextContent('090-1234-5678');
    expect(row).toHaveTextContent('VIP');
    expect(screen.getByTestId('contact-c-2')).not.toHaveTextContent('VIP');
  });

  it('adds a contact, checking required fields first', async () => {
    const created = aContact({ id: 'c-9', name: '佐藤 一郎', reading: null, vip: false, note: null });
    const { user, fetch, setItems } = setUp({
      'POST /api/v1/contacts': () => {
        setItems([created]);
        return json(201, created);
      },
    });
    expect(
      await screen.findByText('まだ登録がありません。下のフォームから追加できます。'),
    ).toBeInTheDocument();
    const form = screen.getByRole('form', { name: '発信者を追加' });
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(within(form).getAllByText('入力してください。')).toHaveLength(2);
    expect(fetch.callsTo('POST /api/v1/contacts')).toHaveLength(0);

    await user.type(within(form).getByLabelText('電話番号'), '090-1234-5678');
    await user.type(within(form).getByLabelText('お名前'), '佐藤 一郎');
    await user.type(within(form).getByLabelText('会社名'), '株式会社髙橋');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(await screen.findByText('佐藤 一郎 様を登録しました。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/contacts')[0].body).toEqual({
      number: '090-1234-5678',
      name: '佐藤 一郎',
      reading: null,
      company: '株式会社髙橋',
      vip: false,
      note: null,
    });
    expect(await screen.findByTestId('contact-c-9')).toHaveTextContent('佐藤 一郎');
    // the form is empty again for the next one
    expect(within(screen.getByRole('form', { name: '発信者を追加' })).getByLabelText('お名前')).toHaveValue(
      '',
    );
  });

  it('shows the API’s errors: an invalid number, and a number already listed', async () => {
    let answer = () =>
      problem(422, 'VALIDATION_FAILED', {
        errors: [{ pointer: '/body/number', code: 'PHONE_NUMBER_INVALID', message: 'x' }],
      });
    const { user } = setUp({ 'POST /api/v1/contacts': () => answer() });
    const form = await screen.findByRole('form', { name: '発信者を追加' });
    await user.type(within(form).getByLabelText('電話番号'), '12345');
    await user.type(within(form).getByLabelText('お名前'), '佐藤');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(await within(form).findByText('日本の電話番号を入力してください。')).toBeInTheDocument();

    answer = () => problem(409, 'CONTACT_NUMBER_TAKEN');
    await user.click(within(form).getByRole('button', { name: '追加する' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'この番号はすでに発信者帳に登録されています。',
    );
  });

  it('edits a contact', async () => {
    const { user, fetch, setItems } = setUp(
      {
        'PATCH /api/v1/contacts/c-1': () => {
          const updated = aContact({ vip: false, company: '株式会社タカハシ' });
          setItems([updated]);
          return json(200, updated);
        },
      },
      [aContact()],
    );
    const row = await screen.findByTestId('contact-c-1');
    await user.click(within(row).getByRole('button', { name: '編集' }));
    const form = screen.getByRole('form', { name: '髙橋 健 様の登録を編集' });
    expect(within(form).getByLabelText('電話番号')).toHaveValue('090-1234-5678');
    expect(within(form).getByLabelText('よみがな')).toHaveValue('たかはし けん');
    const company = within(form).getByLabelText('会社名');
    await user.clear(company);
    await user.type(company, '株式会社タカハシ');
    await user.click(within(form).getByRole('checkbox', { name: /VIP/ }));
    await user.click(within(form).getByRole('button', { name: '更新する' }));
    expect(await screen.findByText('髙橋 健 様の登録を更新しました。')).toBeInTheDocument();
    expect(fetch.callsTo('PATCH /api/v1/contacts/c-1')[0].body).toMatchObject({
      company: '株式会社タカハシ',
      vip: false,
    });
    expect(await screen.findByText('株式会社タカハシ')).toBeInTheDocument();
  });

  it('deletes a contact only after confirming', async () => {
    const { user, fetch, setItems } = setUp(
      {
        'DELETE /api/v1/contacts/c-1': () => {
          setItems([]);
          return new Response(null, { status: 204 });
        },
      },
      [aContact()],
    );
    const row = await screen.findByTestId('contact-c-1');
    await user.click(within(row).getByRole('button', { name: '削除' }));
    const confirm = screen.getByRole('dialog', { name: '髙橋 健 様の削除の確認' });
    expect(confirm).toHaveTextContent('髙橋 健 様を削除しますか？');
    await user.click(within(confirm).getByRole('button', { name: 'やめる' }));
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/contacts/c-1')).toHaveLength(0);

    await user.click(within(row).getByRole('button', { name: '削除' }));
    await user.click(within(screen.getByRole('dialog')).getByRole('button', { name: '削除する' }));
    expect(await screen.findByText('髙橋 健 様の登録を削除しました。')).toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/contacts/c-1')).toHaveLength(1);
    expect(
      await screen.findByText('まだ登録がありません。下のフォームから追加できます。'),
    ).toBeInTheDocument();
  });
});
