import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuthUser } from '../../src/common/auth/auth-user';
import { CustomerDocumentsService } from '../../src/modules/accounts/documents/customer-documents.service';
import { DocumentReviewService } from '../../src/modules/accounts/documents/document-review.service';
import { NoticeOfTermsService } from '../../src/modules/accounts/documents/notice-of-terms.service';
import { StorageModule } from '../../src/storage/storage.module';
import { DOCUMENT_PROVIDERS, tinyJpeg, tinyPdf, tinyPng } from '../support/document-files';
import { insertAccount } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';
import { insertPerson, insertStaff } from '../support/people';

// R1.3, R1.4, R1.6: what a stored document, a staff decision and the notice's posting do to the
// account — its state (applied / verifying / ready_for_number), its identity review, the reason
// the customer sees, the history — against the document services, their real repositories and
// the encrypted storage. The routes (multipart, 413/415/422 problem bodies, who may call, reading
// the file, the mail) keep their cases in documents.e2e-spec.

let m: MediumContext;
let customers: CustomerDocumentsService;
let review: DocumentReviewService;
let notices: NoticeOfTermsService;
let admin: AuthUser;

beforeAll(async () => {
  m = await startMedium({ providers: DOCUMENT_PROVIDERS, imports: [StorageModule] });
  customers = m.get(CustomerDocumentsService);
  review = m.get(DocumentReviewService);
  notices = m.get(NoticeOfTermsService);
  admin = await insertStaff(m, 'admin');
});
afterAll(() => m?.close());

/** A signed-up individual's account (applied, no documents) and its owner. */
async function applicant(): Promise<AuthUser> {
  return insertPerson(m, await insertAccount(m, { type: 'individual', state: 'applied' }));
}

const send = (owner: AuthUser, file = tinyPdf(), filename = 'passport.pdf', kind = 'passport') =>
  customers.upload(owner, { fields: { kind }, file: { data: file, filename } });

const accountRow = async (id: string) =>
  (
    await m.sql<{ state: string; identity_status: string; identity_rejection_reason: string | null }>(
      `SELECT state, identity_status, identity_rejection_reason FROM accounts WHERE id = $1`,
      [id],
    )
  )[0];
const historyKinds = async (accountId: string) =>
  (
    await m.sql<{ kind: string }>(`SELECT kind FROM account_history WHERE account_id = $1 ORDER BY id`, [
      accountId,
    ])
  ).map((r) => r.kind);
const withCard = (accountId: string) =>
  m.sql(`UPDATE accounts SET card_registered_at = now() WHERE id = $1`, [accountId]);

describe('a stored document (R1.3)', () => {
  it.each([
    ['PDF', tinyPdf(), 'licence.pdf', 'application/pdf'],
    ['PNG', tinyPng(), 'licence.png', 'image/png'],
    // the name does not matter: the bytes decide
    ['JPEG', tinyJpeg(), 'scan.bin', 'image/jpeg'],
  ])(
    'keeps a %s encrypted under a random key, and the account goes to verifying',
    async (_, file, filename, mime) => {
      const owner = await applicant();
      const doc = await send(owner, file, filename, 'drivers_licence');
      expect(doc).toMatchObject({
        kind: 'drivers_licence',
        status: 'pending',
        source: 'upload',
        mimeType: mime,
        sizeBytes: file.length,
        originalFilename: filename,
        rejectionReason: null,
      });
      expect(doc).not.toHaveProperty('storageKey');
      const [row] = await m.sql<{ storage_key: string; sha256: string }>(
        `SELECT storage_key, sha256 FROM identity_documents WHERE id = $1`,
        [doc.id],
      );
      expect(row.sha256).toBe(createHash('sha256').update(file).digest('hex'));
      expect(row.storage_key).toMatch(/^[a-f0-9]{32}$/);
      expect(row.storage_key).not.toContain(filename);
      // on disk: not the plaintext
      const key = row.storage_key;
      const onDisk = await readFile(join(m.config.documents.storageDir, key.slice(0, 2), key));
      expect(onDisk.includes(file.subarray(0, 8))).toBe(false);
      expect(onDisk.equals(file)).toBe(false);

      expect(await accountRow(owner.accountId!)).toMatchObject({
        state: 'verifying',
        identity_status: 'pending',
      });
      expect(await historyKinds(owner.accountId!)).toEqual(
        expect.arrayContaining(['document.uploaded', 'state.changed']),
      );
      const mine = await customers.listMine(owner);
      expect(mine.identityStatus).toBe('pending');
      expect(mine.items).toHaveLength(1);
    },
  );
});

describe('staff decisions and the account they leave (R1.3, R1.6)', () => {
  it('approval with a card makes the account ready_for_number', async () => {
    const owner = await applicant();
    const doc = await send(owner);
    expect((await accountRow(owner.accountId!)).state).toBe('verifying');
    await withCard(owner.accountId!);
    expect(await review.approve(doc.id, admin)).toMatchObject({
      status: 'approved',
      decidedByName: 'スタッフ',
    });
    expect(await accountRow(owner.accountId!)).toMatchObject({
      state: 'ready_for_number',
      identity_status: 'approved',
    });
    expect(await historyKinds(owner.accountId!)).toEqual(expect.arrayContaining(['document.approved']));
    expect(await customers.listMine(owner)).toMatchObject({
      identityStatus: 'approved',
      items: [{ status: 'approved' }],
    });
  });

  it('approval without a card leaves the account applied, its identity approved', async () => {
    const owner = await applicant();
    const doc = await send(owner);
    await review.approve(doc.id, admin);
    expect(await accountRow(owner.accountId!)).toMatchObject({
      state: 'applied',
      identity_status: 'approved',
    });
  });

  it('a rejection returns the account to applied with the reason the customer sees; a new upload moves it on', async () => {
    const owner = await applicant();
    const doc = await send(owner);
    expect(await review.reject(doc.id, admin, '有効期限が切れています。')).toMatchObject({
      status: 'rejected',
      rejectionReason: '有効期限が切れています。',
    });
    expect(await accountRow(owner.accountId!)).toMatchObject({
      state: 'applied',
      identity_status: 'rejected',
      identity_rejection_reason: '有効期限が切れています。',
    });
    expect(await customers.listMine(owner)).toMatchObject({
      identityStatus: 'rejected',
      rejectionReason: '有効期限が切れています。',
      items: [{ id: doc.id, status: 'rejected', rejectionReason: '有効期限が切れています。' }],
    });
    expect(await historyKinds(owner.accountId!)).toEqual(expect.arrayContaining(['document.rejected']));

    await send(owner, tinyJpeg(), 'new.jpg', 'drivers_licence');
    expect(await accountRow(owner.accountId!)).toMatchObject({
      state: 'verifying',
      identity_status: 'pending',
      identity_rejection_reason: null,
    });
  });

  it('a decision is made once (DOCUMENT_ALREADY_DECIDED), the first one standing', async () => {
    const owner = await applicant();
    const doc = await send(owner);
    await review.approve(doc.id, admin);
    await expect(review.approve(doc.id, admin)).rejects.toMatchObject({ code: 'DOCUMENT_ALREADY_DECIDED' });
    await expect(review.reject(doc.id, admin, 'やはり不可')).rejects.toMatchObject({
      code: 'DOCUMENT_ALREADY_DECIDED',
    });
    expect((await m.sql(`SELECT status FROM identity_documents WHERE id = $1`, [doc.id]))[0]).toEqual({
      status: 'approved',
    });
  });

  it('of two staff deciding at once, exactly one wins and the account follows the winner', async () => {
    const other = await insertStaff(m, 'admin', '別のスタッフ');
    for (let i = 0; i < 3; i++) {
      const owner = await applicant();
      const doc = await send(owner);
      const [a, b] = await Promise.allSettled([
        review.approve(doc.id, admin),
        review.reject(doc.id, other, '読み取れません'),
      ]);
      expect([a.status, b.status].sort()).toEqual(['fulfilled', 'rejected']);
      const lost = (a.status === 'rejected' ? a : b) as PromiseRejectedResult;
      expect(lost.reason).toMatchObject({ code: 'DOCUMENT_ALREADY_DECIDED' });
      const winner = a.status === 'fulfilled' ? 'approved' : 'rejected';
      expect((await m.sql(`SELECT status FROM identity_documents WHERE id = $1`, [doc.id]))[0]).toEqual({
        status: winner,
      });
      expect((await accountRow(owner.accountId!)).identity_status).toBe(winner);
      const decided = (await historyKinds(owner.accountId!)).filter((k) =>
        /^document\.(approved|rejected)$/.test(k),
      );
      expect(decided).toHaveLength(1);
    }
  });
});

describe('the notice of transaction terms is posted once, after the identity is approved (R1.4)', () => {
  it('refuses before any document and while one waits (NOTICE_IDENTITY_NOT_APPROVED), then once posted (NOTICE_ALREADY_POSTED)', async () => {
    const owner = await applicant();
    const accountId = owner.accountId!;
    await expect(notices.recordNoticePosted(accountId, admin)).rejects.toMatchObject({
      code: 'NOTICE_IDENTITY_NOT_APPROVED',
    });
    const doc = await send(owner);
    await expect(notices.recordNoticePosted(accountId, admin)).rejects.toMatchObject({
      code: 'NOTICE_IDENTITY_NOT_APPROVED',
    });
    await notices.updateNoticeAddress(owner, {
      postalCode: '530-0001',
      address: '大阪府大阪市北区梅田1-1-1',
    });
    await review.approve(doc.id, admin);
    expect((await review.listForAccount(accountId)).notice).toMatchObject({
      postalCode: '530-0001',
      address: '大阪府大阪市北区梅田1-1-1',
      usesDocumentAddress: false,
      canRecordPosted: true,
    });

    const posted = await notices.recordNoticePosted(accountId, admin);
    expect(posted).toMatchObject({ postedByName: 'スタッフ', canRecordPosted: false });
    expect(Date.parse(posted.postedAt!)).toBeGreaterThan(Date.now() - 60_000);
    await expect(notices.recordNoticePosted(accountId, admin)).rejects.toMatchObject({
      code: 'NOTICE_ALREADY_POSTED',
    });
    expect((await review.listForAccount(accountId)).notice).toMatchObject({
      postedAt: posted.postedAt,
      postedByName: 'スタッフ',
    });
    expect((await customers.listMine(owner)).notice.postedAt).toBe(posted.postedAt);
    expect(await historyKinds(accountId)).toEqual(expect.arrayContaining(['notice.posted']));
  });
});
