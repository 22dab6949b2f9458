import { createHash } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { getQueueToken } from '@nestjs/bullmq';
import type { Queue } from 'bullmq';
import { QueueName } from '../../src/queues/queue-names';
import { tinyJpeg, tinyPdf, tinyPng } from '../support/document-files';
import { mailFromOutbox } from '../support/outbox-mails';
import { startTestApp, type TestApp } from '../support/test-app';
import { memberSession, signUpCustomer, staffSession } from '../support/auth-helpers';
import { DocumentStorage } from '../../src/storage/document-storage';
import { DocumentsRepository } from '../../src/modules/accounts/documents/documents.repository';

let t: TestApp;
let admin: string;
let operator: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = (await staffSession(t, 'admin')).accessToken;
  operator = (await staffSession(t, 'operator')).accessToken;
});
afterAll(async () => {
  await t.close();
  await rm(t.config.documents.storageDir, { recursive: true, force: true });
});

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);

// ---- helpers ----

async function customer(type: 'individual' | 'corporation' = 'individual') {
  const { session, body } = await signUpCustomer(
    t,
    type === 'corporation'
      ? { accountType: 'corporation', companyName: '株式会社サンプル', name: '佐藤 花子' }
      : {},
  );
  return { token: session.accessToken, accountId: session.user.account.id, email: String(body.email) };
}

function upload(
  token: string,
  kind: string | null,
  file: Buffer | null,
  filename = 'document.pdf',
  contentType = 'application/pdf',
) {
  const req = t.http().post('/api/v1/documents').set('authorization', bearer(token));
  if (kind !== null) req.field('kind', kind);
  if (file !== null) req.attach('file', file, { filename, contentType });
  return req;
}

const approve = (id: string, token = admin) =>
  t.http().post(`/api/v1/admin/documents/${id}/approve`).set('authorization', bearer(token));
const reject = (id: string, reason: unknown, token = admin) =>
  t.http().post(`/api/v1/admin/documents/${id}/reject`).set('authorization', bearer(token)).send({ reason });
const myDocuments = (token: string) => t.http().get('/api/v1/documents').set('authorization', bearer(token));

const accountRow = async (id: string) =>
  (
    await sql<{ state: string; identity_status: string; identity_rejection_reason: string | null }>(
      `SELECT state, identity_status, identity_rejection_reason FROM accounts WHERE id = $1`,
      [id],
    )
  )[0];
const documentRows = (accountId: string) =>
  sql<{ id: string; storage_key: string; status: string }>(
    `SELECT id, storage_key, status FROM identity_documents WHERE account_id = $1`,
    [accountId],
  );

async function storedFiles(): Promise<string[]> {
  const dir = t.config.documents.storageDir;
  try {
    const shards = await readdir(dir);
    const nested = await Promise.all(shards.map((s) => readdir(join(dir, s))));
    return nested.flat();
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
}

const historyKinds = async (accountId: string) =>
  (
    await sql<{ kind: string }>(`SELECT kind FROM account_history WHERE account_id = $1 ORDER BY id`, [
      accountId,
    ])
  ).map((r) => r.kind);

const memberOf = async (accountId: string) => (await memberSession(t, accountId)).token;

// ---- tests ----

describe('R1.3 what the customer may send', () => {
  it('lists the kinds accepted for an individual and for a corporation', async () => {
    const ind = await customer('individual');
    const res = await myDocuments(ind.token).expect(200);
    expect(res.body).toMatchObject({
      accountType: 'individual',
      acceptedKinds: [
        'drivers_licence',
        'driving_history_certificate',
        'health_insurance_card',
        'national_pension_book',
        'my_number_card',
        'passport',
        'resident_register_card',
      ],
      acceptedMimeTypes: ['application/pdf', 'image/jpeg', 'image/png'],
      maxBytes: 10 * 1024 * 1024,
      identityStatus: 'missing',
      rejectionReason: null,
      items: [],
      notice: { postalCode: null, address: null, usesDocumentAddress: true, postedAt: null },
    });
    const corp = await customer('corporation');
    const corpRes = await myDocuments(corp.token).expect(200);
    expect(corpRes.body.acceptedKinds).toEqual([
      'certificate_of_registered_matters',
      'seal_registration_certificate',
    ]);
  });
});

describe('R1.3 upload', () => {
  it('tells the owner by mail that the document was received (R6.5)', async () => {
    const c = await customer();
    const res = await upload(c.token, 'passport', tinyPdf(), 'passport.pdf').expect(201);
    await mailFromOutbox(t);
    const mail = t.app.get<Queue>(getQueueToken(QueueName.Mail));
    const job = await mail.getJob(`mail-identity-received-received-${res.body.id}`);
    expect(job?.data).toMatchObject({ to: c.email.toLowerCase(), template: 'identity-received' });
  });

  // PDF, PNG and JPEG each stored encrypted under a random key, and the account's state after:
  // test/medium/document-review.medium-spec. Here, the multipart route: the declared type and the
  // name do not matter, the bytes decide.
  it('stores a JPEG sent as application/octet-stream, and the account goes to verifying', async () => {
    const c = await customer();
    const file = tinyJpeg();
    const res = await upload(c.token, 'drivers_licence', file, 'scan.bin', 'application/octet-stream').expect(
      201,
    );
    expect(res.body).toMatchObject({
      kind: 'drivers_licence',
      status: 'pending',
      source: 'upload',
      mimeType: 'image/jpeg',
      sizeBytes: file.length,
      originalFilename: 'scan.bin',
      rejectionReason: null,
    });
    expect(res.body).not.toHaveProperty('storageKey');
    const [row] = await sql<{ sha256: string }>(`SELECT sha256 FROM identity_documents WHERE id = $1`, [
      res.body.id,
    ]);
    expect(row.sha256).toBe(createHash('sha256').update(file).digest('hex'));
    expect(await accountRow(c.accountId)).toMatchObject({ state: 'verifying', identity_status: 'pending' });
    const list = await myDocuments(c.token).expect(200);
    expect(list.body.identityStatus).toBe('pending');
    expect(list.body.items).toHaveLength(1);
  });

  async function expectNothingStored(accountId: string, filesBefore: number) {
    expect(await documentRows(accountId)).toHaveLength(0);
    expect(await storedFiles()).toHaveLength(filesBefore);
    expect(await accountRow(accountId)).toMatchObject({ state: 'applied', identity_status: 'missing' });
  }

  it('refuses a file over 10 MB with 413, storing nothing', async () => {
    const c = await customer();
    const before = (await storedFiles()).length;
    const big = Buffer.alloc(10 * 1024 * 1024 + 1, 0x20);
    tinyPdf().copy(big);
    const res = await upload(c.token, 'passport', big).expect(413);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('DOCUMENT_TOO_LARGE');
    await expectNothingStored(c.accountId, before);
  });

  it('accepts a file of exactly 10 MB', async () => {
    const c = await customer();
    const exact = Buffer.alloc(10 * 1024 * 1024, 0x20);
    tinyPdf().copy(exact);
    await upload(c.token, 'passport', exact).expect(201);
  });

  it('refuses an empty file with 422', async () => {
    const c = await customer();
    const before = (await storedFiles()).length;
    const res = await upload(c.token, 'passport', Buffer.alloc(0)).expect(422);
    expect(res.body.code).toBe('DOCUMENT_EMPTY');
    await expectNothingStored(c.accountId, before);
  });

  it('refuses a text file or a program renamed to .pdf (judged by its bytes) with 415', async () => {
    const c = await customer();
    const before = (await storedFiles()).length;
    const text = await upload(
      c.token,
      'passport',
      Buffer.from('just some text, not a PDF'),
      'scan.pdf',
    ).expect(415);
    expect(text.body).toMatchObject({ code: 'DOCUMENT_TYPE_NOT_ALLOWED', status: 415 });
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);
    const program = await upload(c.token, 'passport', exe, 'scan.pdf').expect(415);
    expect(program.body.code).toBe('DOCUMENT_TYPE_NOT_ALLOWED');
    // a real GIF is an image, but not one we accept
    const gif = Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1');
    await upload(c.token, 'passport', gif, 'scan.png', 'image/png').expect(415);
    await expectNothingStored(c.accountId, before);
  });

  it('refuses a missing, unknown or wrong-for-the-type kind and a missing file with 422', async () => {
    const c = await customer();
    const corp = await customer('corporation');
    const before = (await storedFiles()).length;
    const missing = await upload(c.token, null, tinyPdf()).expect(422);
    expect(missing.body.errors).toEqual([expect.objectContaining({ pointer: '/body/kind' })]);
    const unknown = await upload(c.token, 'library_card', tinyPdf()).expect(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ pointer: '/body/kind', code: 'IS_IN' })]);
    const wrong = await upload(c.token, 'certificate_of_registered_matters', tinyPdf()).expect(422);
    expect(wrong.body.code).toBe('DOCUMENT_KIND_NOT_ALLOWED');
    const wrongCorp = await upload(corp.token, 'passport', tinyPdf()).expect(422);
    expect(wrongCorp.body.code).toBe('DOCUMENT_KIND_NOT_ALLOWED');
    const noFile = await upload(c.token, 'passport', null).expect(422);
    expect(noFile.body.errors).toEqual([expect.objectContaining({ pointer: '/body/file' })]);
    await expectNothingStored(c.accountId, before);
    await expectNothingStored(corp.accountId, before);
    // a corporation's own kinds are accepted
    await upload(corp.token, 'seal_registration_certificate', tinyPdf()).expect(201);
  });

  it('refuses two files, unknown fields and a JSON body, as problem+json', async () => {
    const c = await customer();
    const two = await t
      .http()
      .post('/api/v1/documents')
      .set('authorization', bearer(c.token))
      .field('kind', 'passport')
      .attach('file', tinyPdf(), 'a.pdf')
      .attach('file', tinyPdf(), 'b.pdf');
    expect([413, 422]).toContain(two.status);
    expect(two.headers['content-type']).toMatch(/problem\+json/);
    const extra = await t
      .http()
      .post('/api/v1/documents')
      .set('authorization', bearer(c.token))
      .field('kind', 'passport')
      .field('owner', 'someone-else')
      .attach('file', tinyPdf(), 'a.pdf')
      .expect(422);
    expect(extra.body.errors).toEqual([
      expect.objectContaining({ pointer: '/body/owner', code: 'UNKNOWN_FIELD' }),
    ]);
    const json = await t
      .http()
      .post('/api/v1/documents')
      .set('authorization', bearer(c.token))
      .send({ kind: 'passport', file: 'JVBERi0=' })
      .expect(415);
    expect(json.headers['content-type']).toMatch(/problem\+json/);
    expect(await documentRows(c.accountId)).toHaveLength(0);
  });

  it('answers a malformed multipart body, and multipart sent to a JSON route, with 4xx problem+json', async () => {
    const c = await customer();
    const broken = await t
      .http()
      .post('/api/v1/documents')
      .set('authorization', bearer(c.token))
      .set('content-type', 'multipart/form-data; boundary=xyz')
      .send(
        '--xyz\r\nContent-Disposition: form-data; name="kind"\r\n\r\npassport\r\n--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.4',
      );
    expect(broken.status).toBeGreaterThanOrEqual(400);
    expect(broken.status).toBeLessThan(500);
    expect(broken.headers['content-type']).toMatch(/problem\+json/);
    const onJsonRoute = await t
      .http()
      .put('/api/v1/documents/notice-address')
      .set('authorization', bearer(c.token))
      .field('postalCode', '1000005')
      .field('address', '東京都');
    expect(onJsonRoute.status).toBeGreaterThanOrEqual(400);
    expect(onJsonRoute.status).toBeLessThan(500);
    expect(onJsonRoute.headers['content-type']).toMatch(/problem\+json/);
    expect(await documentRows(c.accountId)).toHaveLength(0);
  });

  it('is for the owner only; a member reads the list', async () => {
    const c = await customer();
    const member = await memberOf(c.accountId);
    const res = await upload(member, 'passport', tinyPdf()).expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await myDocuments(member).expect(200);
  });

  it('leaves no row when the file cannot be written, and no file when the row cannot be written', async () => {
    const c = await customer();
    const storage = t.app.get(DocumentStorage);
    const before = (await storedFiles()).length;
    const put = jest.spyOn(storage, 'put').mockRejectedValueOnce(new Error('disk full'));
    const res = await upload(c.token, 'passport', tinyPdf()).expect(503);
    expect(res.body.code).toBe('DOCUMENT_STORAGE_UNAVAILABLE');
    put.mockRestore();
    await expectNothingStored(c.accountId, before);

    const repo = t.app.get(DocumentsRepository);
    const insert = jest.spyOn(repo, 'insert').mockRejectedValueOnce(new Error('database went away'));
    await upload(c.token, 'passport', tinyPdf()).expect(500);
    insert.mockRestore();
    await expectNothingStored(c.accountId, before);
  });
});

describe('R1.3 staff review', () => {
  it('only admins reach the staff routes; customers are refused and staff cannot use customer routes', async () => {
    const c = await customer();
    const doc = (await upload(c.token, 'passport', tinyPdf()).expect(201)).body;
    for (const path of [
      '/api/v1/admin/documents',
      `/api/v1/admin/documents/${doc.id}`,
      `/api/v1/admin/documents/${doc.id}/file`,
      `/api/v1/admin/documents/${doc.id}/access-log`,
      `/api/v1/admin/accounts/${c.accountId}/documents`,
    ]) {
      const asCustomer = await t.http().get(path).set('authorization', bearer(c.token));
      expect(asCustomer.status).toBe(403);
      const asOperator = await t.http().get(path).set('authorization', bearer(operator));
      expect(asOperator.status).toBe(403);
    }
    await approve(doc.id, c.token).expect(403);
    await t.http().get('/api/v1/documents').set('authorization', bearer(admin)).expect(403);
    await t.http().get('/api/v1/admin/documents').expect(401);
    // nothing was read
    expect(await sql(`SELECT 1 FROM document_access_log WHERE document_id = $1`, [doc.id])).toHaveLength(0);
  });

  it('the queue lists pending documents oldest first, with the account', async () => {
    const a = await customer();
    const b = await customer('corporation');
    const first = (await upload(a.token, 'passport', tinyPdf()).expect(201)).body;
    const second = (
      await upload(b.token, 'certificate_of_registered_matters', tinyPng(), 'x.png').expect(201)
    ).body;
    const res = await t
      .http()
      .get('/api/v1/admin/documents?limit=100')
      .set('authorization', bearer(admin))
      .expect(200);
    const ids = res.body.items.map((d: { id: string }) => d.id);
    expect(ids.indexOf(first.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    expect(res.body.items.find((d: { id: string }) => d.id === second.id)).toMatchObject({
      accountId: b.accountId,
      accountName: '佐藤 花子',
      accountCompanyName: '株式会社サンプル',
      accountType: 'corporation',
      kind: 'certificate_of_registered_matters',
      status: 'pending',
    });
    expect(res.body.pendingCount).toBeGreaterThanOrEqual(2);
    for (const item of res.body.items) expect(item.status).toBe('pending');
  });

  it('staff read the file byte-identical; each read is logged and visible', async () => {
    const c = await customer();
    const png = tinyPng();
    const doc = (await upload(c.token, 'my_number_card', png, '表面.png', 'image/png').expect(201)).body;
    const res = await t
      .http()
      .get(`/api/v1/admin/documents/${doc.id}/file`)
      .set('authorization', bearer(admin))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('image/png');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['content-disposition']).toContain(
      `filename*=UTF-8''${encodeURIComponent('表面.png')}`,
    );
    expect(Buffer.compare(res.body as Buffer, png)).toBe(0);

    await t
      .http()
      .get(`/api/v1/admin/documents/${doc.id}/file`)
      .set('authorization', bearer(admin))
      .expect(200);
    const log = await t
      .http()
      .get(`/api/v1/admin/documents/${doc.id}/access-log`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(log.body.items).toHaveLength(2);
    expect(log.body.items[0]).toMatchObject({ userName: 'スタッフ', userRole: 'admin' });
    const rows = await sql(`SELECT account_id FROM document_access_log WHERE document_id = $1`, [doc.id]);
    expect(rows).toEqual([{ account_id: c.accountId }, { account_id: c.accountId }]);
  });

  it('customers never download files, and another account’s document is 404', async () => {
    const a = await customer();
    const b = await customer();
    const doc = (await upload(a.token, 'passport', tinyPdf()).expect(201)).body;
    await t.http().get(`/api/v1/documents/${doc.id}`).set('authorization', bearer(a.token)).expect(404);
    await t.http().get(`/api/v1/documents/${doc.id}/file`).set('authorization', bearer(b.token)).expect(404);
    const bList = await myDocuments(b.token).expect(200);
    expect(bList.body.items).toEqual([]);
    await t
      .http()
      .get('/api/v1/admin/documents/00000000-0000-4000-8000-000000000000')
      .set('authorization', bearer(admin))
      .expect(404);
  });

  // What a decision does to the account (ready_for_number with a card, applied without one or
  // after a rejection, with the reason the customer sees) and two staff deciding at once:
  // test/medium/document-review.medium-spec. Here, the routes' answers.
  it('approval answers the decided document and the customer sees it', async () => {
    const c = await customer();
    const doc = (await upload(c.token, 'passport', tinyPdf()).expect(201)).body;
    const res = await approve(doc.id).expect(200);
    expect(res.body).toMatchObject({ status: 'approved', decidedByName: 'スタッフ' });
    const mine = await myDocuments(c.token).expect(200);
    expect(mine.body).toMatchObject({ identityStatus: 'approved', items: [{ status: 'approved' }] });
  });

  it('R1.6 a rejection needs a reason of at most 500 characters (422), kept trimmed for the customer', async () => {
    const c = await customer();
    const doc = (await upload(c.token, 'passport', tinyPdf()).expect(201)).body;
    await reject(doc.id, '').expect(422);
    await reject(doc.id, 'x'.repeat(501)).expect(422);
    const res = await reject(doc.id, '  有効期限が切れています。  ').expect(200);
    expect(res.body).toMatchObject({ status: 'rejected', rejectionReason: '有効期限が切れています。' });
    const mine = await myDocuments(c.token).expect(200);
    expect(mine.body).toMatchObject({
      identityStatus: 'rejected',
      rejectionReason: '有効期限が切れています。',
      items: [{ id: doc.id, status: 'rejected', rejectionReason: '有効期限が切れています。' }],
    });
  });

  it('a decision is made once: deciding again is 409', async () => {
    const c = await customer();
    const doc = (await upload(c.token, 'passport', tinyPdf()).expect(201)).body;
    await approve(doc.id).expect(200);
    const again = await approve(doc.id).expect(409);
    expect(again.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(again.body.code).toBe('DOCUMENT_ALREADY_DECIDED');
    await reject(doc.id, 'やはり不可').expect(409);
    expect((await documentRows(c.accountId))[0].status).toBe('approved');
  });
});

describe('R1.3 documents received by FAX or mail', () => {
  it('staff attach one to an account; it waits for review and shows on the account page', async () => {
    const c = await customer('corporation');
    const res = await t
      .http()
      .post(`/api/v1/admin/accounts/${c.accountId}/documents`)
      .set('authorization', bearer(admin))
      .field('kind', 'certificate_of_registered_matters')
      .field('receivedVia', 'fax')
      .attach('file', tinyPdf(), { filename: 'fax-0001.pdf', contentType: 'application/pdf' })
      .expect(201);
    expect(res.body).toMatchObject({ source: 'fax', status: 'pending', submittedByKind: 'staff' });
    expect(await accountRow(c.accountId)).toMatchObject({ state: 'verifying' });
    expect(await historyKinds(c.accountId)).toEqual(expect.arrayContaining(['document.attached']));

    const page = await t
      .http()
      .get(`/api/v1/admin/accounts/${c.accountId}/documents`)
      .set('authorization', bearer(admin))
      .expect(200);
    expect(page.body).toMatchObject({
      account: { id: c.accountId, type: 'corporation', state: 'verifying', identityStatus: 'pending' },
      items: [{ id: res.body.id, source: 'fax' }],
      acceptedKinds: ['certificate_of_registered_matters', 'seal_registration_certificate'],
      notice: { usesDocumentAddress: true, postedAt: null, canRecordPosted: false },
    });
    // the customer sees it too
    expect((await myDocuments(c.token).expect(200)).body.items).toHaveLength(1);
  });

  it('needs fax or mail, and a kind for the account type; unknown account 404', async () => {
    const c = await customer();
    const attach = (accountId: string, via: string | null, kind = 'passport') => {
      const req = t
        .http()
        .post(`/api/v1/admin/accounts/${accountId}/documents`)
        .set('authorization', bearer(admin))
        .field('kind', kind);
      if (via) req.field('receivedVia', via);
      return req.attach('file', tinyPdf(), 'a.pdf');
    };
    const noVia = await attach(c.accountId, null).expect(422);
    expect(noVia.body.errors).toEqual([expect.objectContaining({ pointer: '/body/receivedVia' })]);
    await attach(c.accountId, 'pigeon').expect(422);
    await attach(c.accountId, 'mail', 'seal_registration_certificate').expect(422);
    await attach('00000000-0000-4000-8000-000000000000', 'mail').expect(404);
    await attach(c.accountId, 'mail').expect(201);
  });
});

describe('R1.4 notice of transaction terms', () => {
  it('the owner gives another mailing address or clears it; members cannot', async () => {
    const c = await customer();
    const put = (token: string, body: unknown) =>
      t
        .http()
        .put('/api/v1/documents/notice-address')
        .set('authorization', bearer(token))
        .send(body as object);
    const saved = await put(c.token, {
      postalCode: '1000005',
      address: ' 東京都千代田区丸の内1-1-1 ',
    }).expect(200);
    expect(saved.body).toEqual({
      postalCode: '100-0005',
      address: '東京都千代田区丸の内1-1-1',
      usesDocumentAddress: false,
      postedAt: null,
    });
    expect((await myDocuments(c.token).expect(200)).body.notice).toMatchObject({ postalCode: '100-0005' });
    const bad = await put(c.token, { postalCode: '12', address: '' }).expect(422);
    expect(bad.body.errors.map((e: { pointer: string }) => e.pointer).sort()).toEqual([
      '/body/address',
      '/body/postalCode',
    ]);
    const member = await memberOf(c.accountId);
    await put(member, { postalCode: '1000005', address: '別の住所' }).expect(403);
    await t
      .http()
      .delete('/api/v1/documents/notice-address')
      .set('authorization', bearer(member))
      .expect(403);
    const cleared = await t
      .http()
      .delete('/api/v1/documents/notice-address')
      .set('authorization', bearer(c.token))
      .expect(200);
    expect(cleared.body).toMatchObject({ postalCode: null, address: null, usesDocumentAddress: true });
    const rows = await sql(`SELECT notice_postal_code, notice_address FROM accounts WHERE id = $1`, [
      c.accountId,
    ]);
    expect(rows[0]).toEqual({ notice_postal_code: null, notice_address: null });
    expect((await historyKinds(c.accountId)).filter((k) => k === 'notice_address.changed')).toHaveLength(2);
  });

  // Refused before approval and after the first posting, the address and the posting shown to
  // staff and customer: test/medium/document-review.medium-spec. Here, the route's answers.
  it('staff (admins only) record the posting: 409 before the identity is approved, 200 once, then 409', async () => {
    const c = await customer();
    const posted = (token = admin) =>
      t
        .http()
        .post(`/api/v1/admin/accounts/${c.accountId}/notice-posted`)
        .set('authorization', bearer(token));
    const early = await posted().expect(409);
    expect(early.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(early.body.code).toBe('NOTICE_IDENTITY_NOT_APPROVED');
    const doc = (await upload(c.token, 'passport', tinyPdf()).expect(201)).body;
    await approve(doc.id).expect(200);
    await posted(operator).expect(403);
    await posted(c.token).expect(403);
    const res = await posted().expect(200);
    expect(res.body).toMatchObject({ postedByName: 'スタッフ', canRecordPosted: false });
    expect((await posted().expect(409)).body.code).toBe('NOTICE_ALREADY_POSTED');
    expect((await myDocuments(c.token).expect(200)).body.notice.postedAt).toBe(res.body.postedAt);
  });
});
