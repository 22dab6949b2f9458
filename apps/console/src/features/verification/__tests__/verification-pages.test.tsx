import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aSession, aStaffMember } from '../../../testing/data';
import { createFakeFetch, json, problem, type FakeRoutes } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const admin = () => json(200, aSession(aStaffMember({ role: 'admin', name: '管理 太郎' })));
const operator = () => json(200, aSession(aStaffMember({ role: 'operator' })));

const aDocument = (overrides: Record<string, unknown> = {}) => ({
  id: 'doc-1',
  kind: 'drivers_licence',
  status: 'pending',
  source: 'upload',
  mimeType: 'image/png',
  sizeBytes: 2048,
  originalFilename: 'licence.png',
  createdAt: '2026-11-24T01:00:00.000Z',
  decidedAt: null,
  rejectionReason: null,
  accountId: 'acc-1',
  accountName: '山田 太郎',
  accountCompanyName: null,
  accountType: 'individual',
  sha256: 'a'.repeat(64),
  submittedByKind: 'customer',
  submittedByName: '山田 太郎',
  decidedByName: null,
  ...overrides,
});

const accessEntry = {
  id: '1',
  userId: 'staff-1',
  userName: '管理 太郎',
  userRole: 'admin',
  accessedAt: '2026-11-25T02:00:00.000Z',
};

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const fileResponse = () => new Response(png, { status: 200, headers: { 'content-type': 'image/png' } });

/** Multipart attachments are answered here (the shared fake parses bodies as JSON). */
function withAttachments(routes: FakeRoutes, answer: (form: FormData) => Response) {
  const fake = createFakeFetch(routes);
  const forms: FormData[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    if (request.method === 'POST' && /\/accounts\/[^/]+\/documents$/.test(new URL(request.url).pathname)) {
      const form = await request.formData();
      forms.push(form);
      return answer(form);
    }
    return fake(request);
  }) as typeof globalThis.fetch;
  return { fetch, fake, forms };
}

beforeEach(() => {
  URL.createObjectURL = vi.fn(() => 'blob:http://localhost/document-1');
  URL.revokeObjectURL = vi.fn();
});
afterEach(() => vi.restoreAllMocks());

describe('書類審査', () => {
  it('the queue lists pending documents, oldest first, with the account', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/documents': () =>
        json(200, {
          items: [
            aDocument(),
            aDocument({
              id: 'doc-2',
              kind: 'certificate_of_registered_matters',
              accountId: 'acc-2',
              accountName: '佐藤 花子',
              accountCompanyName: '株式会社サンプル',
              accountType: 'corporation',
              source: 'fax',
            }),
          ],
          nextCursor: null,
          pendingCount: 2,
        }),
    });
    renderApp({ route: '/verification', fetch });
    const queue = await screen.findByTestId('document-queue');
    const rows = within(queue).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('山田 太郎');
    expect(rows[1]).toHaveTextContent('運転免許証');
    expect(rows[1]).toHaveTextContent('個人');
    expect(rows[2]).toHaveTextContent('株式会社サンプル（佐藤 花子）');
    expect(rows[2]).toHaveTextContent('登記事項証明書');
    expect(rows[2]).toHaveTextContent('FAX');
    expect(screen.getByTestId('pending-count')).toHaveTextContent('審査待ち 2 件');
    expect(within(rows[1]).getByRole('link', { name: '審査する' })).toHaveAttribute(
      'href',
      '/verification/documents/doc-1',
    );
    expect(within(rows[1]).getByRole('link', { name: '山田 太郎' })).toHaveAttribute(
      'href',
      '/verification/accounts/acc-1',
    );
  });

  it('operators are told it is for admins and nothing is fetched', async () => {
    const fetch = createFakeFetch({ 'POST /api/v1/admin/auth/refresh': operator });
    renderApp({ route: '/verification', fetch });
    expect(await screen.findByText(/書類審査は管理者のみ利用できます/)).toBeInTheDocument();
    expect(fetch.callsTo('GET /api/v1/admin/documents')).toHaveLength(0);
  });

  it('the viewer shows the file inline from a blob URL, the access log, and approves', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/documents/doc-1': () => json(200, aDocument()),
      'GET /api/v1/admin/documents/doc-1/file': fileResponse,
      'GET /api/v1/admin/documents/doc-1/access-log': () => json(200, { items: [accessEntry] }),
      'POST /api/v1/admin/documents/doc-1/approve': () =>
        json(
          200,
          aDocument({
            status: 'approved',
            decidedByName: '管理 太郎',
            decidedAt: '2026-11-25T03:00:00.000Z',
          }),
        ),
    });
    const { user } = renderApp({ route: '/verification/documents/doc-1', fetch });
    const image = await screen.findByRole('img', { name: '運転免許証の画像' });
    expect(image).toHaveAttribute('src', 'blob:http://localhost/document-1');
    // the file came through the API with the staff token, once
    const fileCalls = fetch.callsTo('GET /api/v1/admin/documents/doc-1/file');
    expect(fileCalls).toHaveLength(1);
    expect(fileCalls[0].authorization).toBe('Bearer access-1');
    const blob = vi.mocked(URL.createObjectURL).mock.calls[0][0] as Blob;
    expect(blob.type).toBe('image/png');
    expect(await screen.findByTestId('access-log')).toHaveTextContent('管理 太郎');
    expect(screen.getByTestId('document-details')).toHaveTextContent('licence.png');

    await user.click(screen.getByRole('button', { name: '承認する' }));
    expect(await screen.findByText('承認しました。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/documents/doc-1/approve')).toHaveLength(1);
    expect(screen.getByTestId('document-details')).toHaveTextContent('承認');
  });

  it('a PDF is shown in the page; rejecting needs a reason, which is sent', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/admin/auth/refresh': admin,
      'GET /api/v1/admin/documents/doc-1': () =>
        json(200, aDocument({ mimeType: 'application/pdf', kind: 'passport' })),
      'GET /api/v1/admin/documents/doc-1/file': () =>
        new Response('%PDF-1.4', { status: 200, headers: { 'content-type': 'application/pdf' } }),
      'GET /api/v1/admin/documents/doc-1/access-log': () => json(200, { items: [accessEntry] }),
      'POST /api/v1/admin/documents/doc-1/reject': [
        () => problem(409, 'DOCUMENT_ALREADY_DECIDED'),
        () => json(200, aDocument({ status: 'rejected', rejectionReason: '有効期限が切れています。' })),
      ],
    });
    const { user } = renderApp({ route: '/verification/documents/doc-1', fetch });
    expect(await screen.findByTitle('パスポート（PDF）')).toHaveAttribute(
      'src',
      'blob:http://localhost/document-1',
    );
    const form = screen.getByRole('form', { name: '却下する' });
    await user.click(within(form).getByRole('button', { name: '却下する' }));
    expect(within(form).getByText('却下の理由を入力してください。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/documents/doc-1/reject')).toHaveLength(0);

    await user.type(
      within(form).getByLabelText('却下の理由（お客様に表示されます）'),
      '有効期限が切れています。',
    );
    await user.click(within(form).getByRole('button', { name: '却下する' }));
    // another admin decided first
    expect(await screen.findByText('この書類はすでに承認または却下されています。')).toBeInTheDocument();
    await user.click(within(form).getByRole('button', { name: '却下する' }));
    expect(await screen.findByText('却下しました。理由はお客様に表示されます。')).toBeInTheDocument();
    expect(fetch.callsTo('POST /api/v1/admin/documents/doc-1/reject')[1].body).toEqual({
      reason: '有効期限が切れています。',
    });
  });

  it('the account page lists documents, attaches a FAX, and records the notice as posted', async () => {
    const accountDocs = (overrides: Record<string, unknown> = {}) => ({
      account: {
        id: 'acc-1',
        type: 'individual',
        name: '山田 太郎',
        companyName: null,
        state: 'applied',
        identityStatus: 'approved',
        identityRejectionReason: null,
      },
      items: [aDocument({ status: 'approved', decidedByName: '管理 太郎' })],
      acceptedKinds: ['drivers_licence', 'passport'],
      notice: {
        postalCode: '530-0001',
        address: '大阪府大阪市北区梅田1-1-1',
        usesDocumentAddress: false,
        postedAt: null,
        postedByName: null,
        canRecordPosted: true,
      },
      ...overrides,
    });
    const { fetch, fake, forms } = withAttachments(
      {
        'POST /api/v1/admin/auth/refresh': admin,
        'GET /api/v1/admin/accounts/acc-1/documents': () => json(200, accountDocs()),
        'POST /api/v1/admin/accounts/acc-1/notice-posted': () =>
          json(200, {
            postalCode: '530-0001',
            address: '大阪府大阪市北区梅田1-1-1',
            usesDocumentAddress: false,
            postedAt: '2026-11-25T05:00:00.000Z',
            postedByName: '管理 太郎',
            canRecordPosted: false,
          }),
      },
      () => json(201, aDocument({ id: 'doc-9', source: 'fax', submittedByKind: 'staff' })),
    );
    const { user } = renderApp({ route: '/verification/accounts/acc-1', fetch });
    expect(
      await screen.findByRole('heading', { level: 1, name: '山田 太郎 さんの本人確認書類' }),
    ).toBeInTheDocument();
    expect(screen.getByTestId('account-documents')).toHaveTextContent('承認');
    expect(screen.getByTestId('notice')).toHaveTextContent('〒530-0001 大阪府大阪市北区梅田1-1-1');

    const form = screen.getByRole('form', { name: 'FAX・郵送で届いた書類を登録する' });
    await user.selectOptions(within(form).getByLabelText('書類の種類'), 'passport');
    await user.click(within(form).getByLabelText('郵送'));
    await user.upload(
      within(form).getByLabelText('ファイル（PDF・JPEG・PNG、10MBまで）'),
      new File(['%PDF-1.4'], 'mail.pdf', { type: 'application/pdf' }),
    );
    await user.click(within(form).getByRole('button', { name: '登録する' }));
    expect(
      await within(form).findByText('書類を登録しました。審査待ちの一覧に入りました。'),
    ).toBeInTheDocument();
    expect(forms).toHaveLength(1);
    expect(forms[0].get('kind')).toBe('passport');
    expect(forms[0].get('receivedVia')).toBe('mail');

    await user.click(screen.getByRole('button', { name: '発送したことを記録する' }));
    expect(await screen.findByText(/に 管理 太郎 が発送を記録しました。/)).toBeInTheDocument();
    expect(fake.callsTo('POST /api/v1/admin/accounts/acc-1/notice-posted')).toHaveLength(1);
  });
});
