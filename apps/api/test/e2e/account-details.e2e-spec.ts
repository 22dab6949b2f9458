import { startTestApp, type TestApp } from '../support/test-app';
import { memberSession, signUpCustomer, staffSession } from '../support/auth-helpers';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

const getAccount = (token: string) => t.http().get('/api/v1/account').set('authorization', bearer(token));
const patchAccount = (token: string, body: unknown) =>
  t
    .http()
    .patch('/api/v1/account')
    .set('authorization', bearer(token))
    .send(body as object);

async function corporation() {
  const { session } = await signUpCustomer(t, {
    accountType: 'corporation',
    name: '佐藤 花子',
    companyName: '株式会社サンプル',
  });
  return { token: session.accessToken, accountId: session.user.account.id };
}

async function individual() {
  const { session } = await signUpCustomer(t);
  return { token: session.accessToken, accountId: session.user.account.id };
}

/** A member of the account (members are not invited through the API yet: inserted here). */
const memberOf = async (accountId: string) => (await memberSession(t, accountId)).token;

const rowOf = async (id: string) =>
  (
    await sql<Record<string, unknown>>(
      `SELECT name, company_name, contact_phone, postal_code, address FROM accounts WHERE id = $1`,
      [id],
    )
  )[0];

describe('R1.7 account details', () => {
  it('starts empty; the owner updates the details and reads them back', async () => {
    const { token, accountId } = await corporation();
    const before = await getAccount(token).expect(200);
    expect(before.body).toMatchObject({
      id: accountId,
      type: 'corporation',
      name: '佐藤 花子',
      companyName: '株式会社サンプル',
      contactPhone: null,
      postalCode: null,
      address: null,
    });

    const res = await patchAccount(token, {
      name: ' 佐藤 次郎 ',
      companyName: '株式会社サンプル商事',
      contactPhone: '0312345678',
      postalCode: '1000005',
      address: '東京都千代田区丸の内1-1-1',
    }).expect(200);
    expect(res.body).toMatchObject({
      id: accountId,
      name: '佐藤 次郎',
      companyName: '株式会社サンプル商事',
      contactPhone: '03-1234-5678',
      postalCode: '100-0005',
      address: '東京都千代田区丸の内1-1-1',
    });

    const after = await getAccount(token).expect(200);
    expect(after.body).toEqual(res.body);

    // a field left out is unchanged; null (or blank) clears an optional one
    const cleared = await patchAccount(token, { contactPhone: null, address: '  ' }).expect(200);
    expect(cleared.body).toMatchObject({
      name: '佐藤 次郎',
      postalCode: '100-0005',
      contactPhone: null,
      address: null,
    });
  });

  it('refuses invalid values with a pointer per field and changes nothing', async () => {
    const { token, accountId } = await corporation();
    const before = await rowOf(accountId);
    const res = await patchAccount(token, {
      name: '',
      postalCode: '12-34567',
      address: 'あ'.repeat(201),
    }).expect(422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('VALIDATION_FAILED');
    const pointers = (res.body.errors as { pointer: string; code: string }[]).map((e) => e.pointer).sort();
    expect(pointers).toEqual(['/body/address', '/body/name', '/body/postalCode']);

    const phone = await patchAccount(token, { contactPhone: '03-1234' }).expect(422);
    expect(phone.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/contactPhone', code: 'PHONE_NUMBER_INVALID' }),
    ]);

    const company = await patchAccount(token, { companyName: ' ' }).expect(422);
    expect(company.body.errors).toEqual([expect.objectContaining({ pointer: '/body/companyName' })]);

    const unknown = await patchAccount(token, { state: 'active' }).expect(422);
    expect(unknown.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/state', code: 'UNKNOWN_FIELD' }),
    ]);
    const byId = await patchAccount(token, { id: '00000000-0000-0000-0000-000000000000' }).expect(422);
    expect(byId.body.errors[0].pointer).toBe('/body/id');

    expect(await rowOf(accountId)).toEqual(before);
  });

  it('an individual cannot set a company name', async () => {
    const { token, accountId } = await individual();
    const res = await patchAccount(token, { companyName: '株式会社サンプル', name: '山田 花子' }).expect(422);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/companyName', code: 'COMPANY_NAME_NOT_ALLOWED' }),
    ]);
    expect(await rowOf(accountId)).toMatchObject({ name: '山田 太郎', company_name: null });

    await patchAccount(token, { name: '山田 花子', postalCode: '123-4567' }).expect(200);
    expect(await rowOf(accountId)).toMatchObject({
      name: '山田 花子',
      company_name: null,
      postal_code: '123-4567',
    });
  });

  it("each customer's PATCH changes only their own account", async () => {
    const a = await corporation();
    const b = await individual();
    const bBefore = await rowOf(b.accountId);

    await patchAccount(a.token, { name: 'A さん', contactPhone: '090-1234-5678' }).expect(200);
    expect(await rowOf(b.accountId)).toEqual(bBefore);
    const aAfter = await rowOf(a.accountId);
    expect(aAfter).toMatchObject({ name: 'A さん', contact_phone: '090-1234-5678' });

    await patchAccount(b.token, { name: 'B さん', address: '大阪府大阪市北区1-1' }).expect(200);
    expect(await rowOf(a.accountId)).toEqual(aAfter);
    expect(await rowOf(b.accountId)).toMatchObject({ name: 'B さん', address: '大阪府大阪市北区1-1' });

    // the account always comes from the token: there is no way to name another one
    await t
      .http()
      .patch(`/api/v1/account/${a.accountId}`)
      .set('authorization', bearer(b.token))
      .send({ name: 'x' })
      .expect((res) => expect([404, 405]).toContain(res.status));
    expect(await rowOf(a.accountId)).toEqual(aAfter);
  });

  it('a member may read the details but not change them (403)', async () => {
    const { accountId } = await corporation();
    const member = await memberOf(accountId);
    const before = await rowOf(accountId);
    const read = await getAccount(member).expect(200);
    expect(read.body.id).toBe(accountId);
    const res = await patchAccount(member, { name: '乗っ取り' }).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    expect(await rowOf(accountId)).toEqual(before);
  });

  it('R1.7 notification e-mail: empty by default, set (trimmed, lower-cased), refused when invalid, cleared', async () => {
    const { token, accountId } = await individual();
    const notificationEmail = async () =>
      (
        await sql<{ notification_email: string | null }>(
          `SELECT notification_email FROM accounts WHERE id = $1`,
          [accountId],
        )
      )[0].notification_email;
    expect((await getAccount(token).expect(200)).body.notificationEmail).toBeNull();

    const set = await patchAccount(token, { notificationEmail: ' Info@Example.JP ' }).expect(200);
    expect(set.body.notificationEmail).toBe('info@example.jp');
    expect((await getAccount(token).expect(200)).body.notificationEmail).toBe('info@example.jp');
    expect(await notificationEmail()).toBe('info@example.jp');

    // other fields leave it alone
    await patchAccount(token, { name: '山田 次郎' }).expect(200);
    expect(await notificationEmail()).toBe('info@example.jp');

    for (const bad of ['not-an-address', 'a@', 42, `${'a'.repeat(250)}@example.jp`]) {
      const res = await patchAccount(token, { notificationEmail: bad, name: '書き換え' }).expect(422);
      expect(res.body.errors).toEqual([expect.objectContaining({ pointer: '/body/notificationEmail' })]);
    }
    expect(await notificationEmail()).toBe('info@example.jp');
    expect(await rowOf(accountId)).toMatchObject({ name: '山田 次郎' });

    const blank = await patchAccount(token, { notificationEmail: '  ' }).expect(200);
    expect(blank.body.notificationEmail).toBeNull();
    await patchAccount(token, { notificationEmail: 'x@example.jp' }).expect(200);
    await patchAccount(token, { notificationEmail: null }).expect(200);
    expect(await notificationEmail()).toBeNull();
  });

  it('a member cannot change the notification e-mail (403)', async () => {
    const { accountId } = await corporation();
    const member = await memberOf(accountId);
    await patchAccount(member, { notificationEmail: 'member@example.jp' }).expect(403);
    const [row] = await sql<{ notification_email: string | null }>(
      `SELECT notification_email FROM accounts WHERE id = $1`,
      [accountId],
    );
    expect(row.notification_email).toBeNull();
  });

  it('needs a customer token: none → 401, a staff token → 403', async () => {
    await t.http().get('/api/v1/account').expect(401);
    await t.http().patch('/api/v1/account').send({ name: 'x' }).expect(401);
    const staff = await staffSession(t, 'admin');
    await getAccount(staff.accessToken).expect(403);
    await patchAccount(staff.accessToken, { name: 'x' }).expect(403);
  });
});
