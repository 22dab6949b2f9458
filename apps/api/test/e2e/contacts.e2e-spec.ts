import { startTestApp, type TestApp } from '../support/test-app';
import { signUpCustomer, staffSession } from '../support/auth-helpers';

/** R8.1: the customer's caller address book (発信者帳). */
let a: TestApp;
const bearer = (token: string) => `Bearer ${token}`;
const pointers = (body: { errors?: { pointer: string }[] }) => (body.errors ?? []).map((e) => e.pointer);

beforeAll(async () => {
  a = await startTestApp();
});
afterAll(async () => {
  await a?.close();
});

async function customer() {
  const { session } = await signUpCustomer(a);
  return { token: session.accessToken, accountId: session.user.account.id };
}

const list = (token: string) => a.http().get('/api/v1/contacts').set('authorization', bearer(token));
const create = (token: string, body: Record<string, unknown>) =>
  a.http().post('/api/v1/contacts').set('authorization', bearer(token)).send(body);
const update = (token: string, id: string, body: Record<string, unknown>) =>
  a.http().patch(`/api/v1/contacts/${id}`).set('authorization', bearer(token)).send(body);
const remove = (token: string, id: string) =>
  a.http().delete(`/api/v1/contacts/${id}`).set('authorization', bearer(token));

describe('caller address book (R8.1)', () => {
  it('adds, lists, edits and deletes a contact; the number is stored as E.164', async () => {
    const me = await customer();
    expect((await list(me.token).expect(200)).body).toEqual({ items: [] });

    const created = await create(me.token, {
      number: '０３−５５５５−１２３４',
      name: '  渡邊 花子 ',
      reading: 'わたなべ はなこ',
      company: '株式会社ワタナベ',
      vip: true,
      note: '経理のご担当',
    }).expect(201);
    expect(created.body).toMatchObject({
      number: '+81355551234',
      numberDisplay: '03-5555-1234',
      name: '渡邊 花子',
      reading: 'わたなべ はなこ',
      company: '株式会社ワタナベ',
      vip: true,
      note: '経理のご担当',
    });
    await create(me.token, { number: '090-1111-0000', name: '青木', reading: 'あおき' }).expect(201);
    const items = (await list(me.token).expect(200)).body.items as { name: string; vip: boolean }[];
    expect(items.map((c) => c.name)).toEqual(['青木', '渡邊 花子']); // by reading, else name
    expect(items[0].vip).toBe(false);

    const edited = await update(me.token, created.body.id, {
      number: '03-5555-9999',
      company: '',
      vip: false,
      note: null,
    }).expect(200);
    expect(edited.body).toMatchObject({
      number: '+81355559999',
      name: '渡邊 花子',
      reading: 'わたなべ はなこ',
      company: null,
      vip: false,
      note: null,
    });

    await remove(me.token, created.body.id).expect(204);
    expect((await remove(me.token, created.body.id).expect(404)).body.code).toBe('CONTACT_NOT_FOUND');
    expect((await list(me.token).expect(200)).body.items).toHaveLength(1);
  });

  it('refuses a number already listed in the account (409), in any notation, on add and on edit', async () => {
    const me = await customer();
    const first = await create(me.token, { number: '090-2222-0000', name: '一' }).expect(201);
    const dup = await create(me.token, { number: '+81 90 2222 0000', name: '二' }).expect(409);
    expect(dup.body.code).toBe('CONTACT_NUMBER_TAKEN');
    const second = await create(me.token, { number: '090-2222-0001', name: '二' }).expect(201);
    const clash = await update(me.token, second.body.id, { number: '09022220000' }).expect(409);
    expect(clash.body.code).toBe('CONTACT_NUMBER_TAKEN');
    // editing a contact keeping its own number is fine
    await update(me.token, first.body.id, { number: '090-2222-0000', name: '一郎' }).expect(200);
    // another account may list the same number
    const other = await customer();
    await create(other.token, { number: '090-2222-0000', name: '他社の一' }).expect(201);
  });

  it("keeps accounts apart: another account's contact is 404 for read-modify-delete", async () => {
    const me = await customer();
    const other = await customer();
    const theirs = await create(other.token, { number: '090-3333-0000', name: '他社' }).expect(201);
    expect((await list(me.token).expect(200)).body.items).toEqual([]);
    expect((await update(me.token, theirs.body.id, { name: '乗っ取り' }).expect(404)).body.code).toBe(
      'CONTACT_NOT_FOUND',
    );
    await remove(me.token, theirs.body.id).expect(404);
    await update(me.token, 'not-a-uuid', { name: 'x' }).expect(404);
    const still = (await list(other.token).expect(200)).body.items;
    expect(still).toEqual([expect.objectContaining({ id: theirs.body.id, name: '他社' })]);
  });

  describe('refused on add', () => {
    // one customer for the table: each refusal must leave the book empty for the next one
    let me: { token: string; accountId: string };
    beforeAll(async () => {
      me = await customer();
    });

    it.each([
      ['an invalid number', { number: '12345' }, '/body/number'],
      ['a foreign number', { number: '+1 415 555 0100' }, '/body/number'],
      ['no number', { number: undefined }, '/body/number'],
      ['no name', { name: '   ' }, '/body/name'],
      ['an over-long name', { name: '名'.repeat(101) }, '/body/name'],
      ['an over-long reading', { reading: 'あ'.repeat(101) }, '/body/reading'],
      ['an over-long company', { company: '社'.repeat(201) }, '/body/company'],
      ['an over-long note', { note: 'メ'.repeat(501) }, '/body/note'],
      ['a string for vip', { vip: 'yes' }, '/body/vip'],
      ['an unknown field', { accountId: '7f0c1c1e-0000-4000-8000-000000000000' }, '/body/accountId'],
    ])('answers 422 naming the field for %s, storing nothing', async (_label, change, pointer) => {
      const res = await create(me.token, { number: '090-4444-0000', name: '検証', ...change }).expect(422);
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(pointers(res.body)).toContain(pointer);
      expect((await list(me.token).expect(200)).body.items).toEqual([]);
    });
  });

  it('refuses clearing the name, the number or vip on edit (422), and limits count characters', async () => {
    const me = await customer();
    const c = await create(me.token, { number: '090-5555-0000', name: '検証' }).expect(201);
    expect(pointers((await update(me.token, c.body.id, { name: null }).expect(422)).body)).toContain(
      '/body/name',
    );
    expect(pointers((await update(me.token, c.body.id, { number: null }).expect(422)).body)).toContain(
      '/body/number',
    );
    expect(pointers((await update(me.token, c.body.id, { vip: null }).expect(422)).body)).toContain(
      '/body/vip',
    );
    await update(me.token, c.body.id, { name: '😀'.repeat(100) }).expect(200);
  });

  it('is for customers only', async () => {
    const staff = await staffSession(a, 'operator');
    await list(staff.accessToken).expect(403);
    await a.http().get('/api/v1/contacts').expect(401);
  });
});
