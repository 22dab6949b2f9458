import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { aCustomer, anAccount, aSession } from '../../../testing/data';
import { createFakeFetch, json, problem, type FakeRoutes } from '@bc/app-shell/testing';
import { renderApp } from '../../../testing/render-app';

const owner = () =>
  json(200, aSession(aCustomer({ account: anAccount({ type: 'individual', state: 'applied' }) })));
const member = () =>
  json(
    200,
    aSession(aCustomer({ role: 'member', account: anAccount({ type: 'individual', state: 'applied' }) })),
  );

const notice = (overrides: Record<string, unknown> = {}) => ({
  postalCode: null,
  address: null,
  usesDocumentAddress: true,
  postedAt: null,
  ...overrides,
});

const aDocument = (overrides: Record<string, unknown> = {}) => ({
  id: 'doc-1',
  kind: 'drivers_licence',
  status: 'pending',
  source: 'upload',
  mimeType: 'application/pdf',
  sizeBytes: 1234,
  originalFilename: 'licence.pdf',
  createdAt: '2026-11-25T01:00:00.000Z',
  decidedAt: null,
  rejectionReason: null,
  ...overrides,
});

const myDocuments = (overrides: Record<string, unknown> = {}) => ({
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
  notice: notice(),
  ...overrides,
});

type Upload = { kind: FormDataEntryValue | null; file: FormDataEntryValue | null; contentType: string };

/**
 * The shared fake server parses bodies as JSON; uploads are multipart, so they are answered here
 * (reading the real FormData the client sent) and everything else goes to the fake.
 */
function withUploads(routes: FakeRoutes, answer: (upload: Upload) => Response) {
  const fake = createFakeFetch(routes);
  const uploads: Upload[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    if (request.method === 'POST' && url.pathname === '/api/v1/documents') {
      const contentType = request.headers.get('content-type') ?? '';
      const form = await request.formData();
      const upload = { kind: form.get('kind'), file: form.get('file'), contentType };
      uploads.push(upload);
      return answer(upload);
    }
    return fake(request);
  }) as typeof globalThis.fetch;
  return { fetch, fake, uploads };
}

const pdf = () => new File(['%PDF-1.4 sample'], 'licence.pdf', { type: 'application/pdf' });

describe('本人確認書類 page', () => {
  it('shows the kinds accepted for an individual and sends a document as multipart', async () => {
    const { fetch, uploads } = withUploads(
      {
        'POST /api/v1/auth/refresh': owner,
        'GET /api/v1/documents': [
          () => json(200, myDocuments()),
          () => json(200, myDocuments({ identityStatus: 'pending', items: [aDocument()] })),
        ],
      },
      () => json(201, aDocument()),
    );
    const { user } = renderApp({ route: '/documents', fetch });
    const accepted = await screen.findByTestId('accepted-kinds');
    expect(screen.getByRole('heading', { level: 1, name: '本人確認書類' })).toBeInTheDocument();
    expect(accepted).toHaveTextContent('運転免許証');
    expect(accepted).toHaveTextContent('写真付き住民基本台帳カード');
    expect(accepted).not.toHaveTextContent('登記事項証明書');
    expect(screen.getByTestId('identity-summary')).toHaveTextContent('まだ書類をお送りいただいていません');

    const form = screen.getByRole('form', { name: '書類を送る' });
    // both fields are required before anything is sent
    await user.click(within(form).getByRole('button', { name: '送信する' }));
    expect(within(form).getByText('書類の種類を選んでください。')).toBeInTheDocument();
    expect(within(form).getByText('ファイルを選んでください。')).toBeInTheDocument();
    expect(uploads).toHaveLength(0);

    await user.selectOptions(within(form).getByLabelText('書類の種類'), 'drivers_licence');
    await user.upload(within(form).getByLabelText('ファイル'), pdf());
    await user.click(within(form).getByRole('button', { name: '送信する' }));

    expect(
      await within(form).findByText('書類を受け付けました。審査が終わるまでお待ちください。'),
    ).toBeInTheDocument();
    expect(uploads).toHaveLength(1);
    expect(uploads[0].contentType).toMatch(/^multipart\/form-data; boundary=/);
    expect(uploads[0].kind).toBe('drivers_licence');
    // (jsdom's File loses its name crossing into Node's FormData; the bytes arrive)
    expect(await (uploads[0].file as Blob).text()).toBe('%PDF-1.4 sample');

    const list = await screen.findByTestId('documents-list');
    expect(list).toHaveTextContent('licence.pdf');
    expect(list).toHaveTextContent('審査中');
  });

  it('refuses a file over 10 MB before sending, and shows the API’s refusal of the type', async () => {
    const { fetch, uploads } = withUploads(
      { 'POST /api/v1/auth/refresh': owner, 'GET /api/v1/documents': () => json(200, myDocuments()) },
      () => problem(415, 'DOCUMENT_TYPE_NOT_ALLOWED'),
    );
    const { user } = renderApp({ route: '/documents', fetch });
    const form = await screen.findByRole('form', { name: '書類を送る' });
    await user.selectOptions(within(form).getByLabelText('書類の種類'), 'passport');
    const big = new File(['x'], 'big.pdf', { type: 'application/pdf' });
    Object.defineProperty(big, 'size', { value: 10 * 1024 * 1024 + 1 });
    await user.upload(within(form).getByLabelText('ファイル'), big);
    await user.click(within(form).getByRole('button', { name: '送信する' }));
    expect(
      within(form).getByText('ファイルが大きすぎます。10MB以下のファイルをお選びください。'),
    ).toBeInTheDocument();
    expect(uploads).toHaveLength(0);

    await user.upload(
      within(form).getByLabelText('ファイル'),
      new File(['hello'], 'notes.pdf', { type: 'application/pdf' }),
    );
    await user.click(within(form).getByRole('button', { name: '送信する' }));
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'PDF・JPEG・PNGのファイルのみお送りいただけます。',
    );
  });

  it('shows a rejection with its reason, for a corporation', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': () =>
        json(200, aSession(aCustomer({ account: anAccount({ type: 'corporation', state: 'applied' }) }))),
      'GET /api/v1/documents': () =>
        json(
          200,
          myDocuments({
            accountType: 'corporation',
            acceptedKinds: ['certificate_of_registered_matters', 'seal_registration_certificate'],
            identityStatus: 'rejected',
            rejectionReason: '発行から3か月以内のものをお送りください。',
            items: [
              aDocument({
                kind: 'certificate_of_registered_matters',
                status: 'rejected',
                rejectionReason: '発行から3か月以内のものをお送りください。',
              }),
            ],
          }),
        ),
    });
    renderApp({ route: '/documents', fetch });
    const summary = await screen.findByTestId('identity-summary');
    expect(summary).toHaveTextContent('確認できませんでした');
    expect(summary).toHaveTextContent('理由：発行から3か月以内のものをお送りください。');
    expect(screen.getByTestId('accepted-kinds')).toHaveTextContent('登記事項証明書');
    expect(screen.getByTestId('accepted-kinds')).toHaveTextContent('印鑑登録証明書');
    const list = screen.getByTestId('documents-list');
    expect(list).toHaveTextContent('却下');
    expect(list).toHaveTextContent('発行から3か月以内のものをお送りください。');
    // after a rejection the owner can send another
    expect(screen.getByRole('form', { name: '書類を送る' })).toBeInTheDocument();
  });

  it('the owner sets and clears the notice mailing address', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': owner,
      'GET /api/v1/documents': () =>
        json(200, myDocuments({ identityStatus: 'pending', items: [aDocument()] })),
      'PUT /api/v1/documents/notice-address': () =>
        json(
          200,
          notice({
            postalCode: '100-0005',
            address: '東京都千代田区丸の内1-1-1',
            usesDocumentAddress: false,
          }),
        ),
      'DELETE /api/v1/documents/notice-address': () => json(200, notice()),
    });
    const { user } = renderApp({ route: '/documents', fetch });
    const form = await screen.findByRole('form', { name: '取引条件通知書の送付先' });
    expect(screen.getByTestId('notice-destination')).toHaveTextContent(
      '本人確認書類に記載の住所へお送りします。',
    );
    await user.type(within(form).getByLabelText('郵便番号'), '12');
    await user.click(within(form).getByRole('button', { name: 'この住所に送る' }));
    expect(within(form).getByText('7桁の数字で入力してください（例：123-4567）。')).toBeInTheDocument();
    expect(within(form).getByText('住所を入力してください。')).toBeInTheDocument();

    await user.clear(within(form).getByLabelText('郵便番号'));
    await user.type(within(form).getByLabelText('郵便番号'), '1000005');
    await user.type(within(form).getByLabelText('住所'), '東京都千代田区丸の内1-1-1');
    await user.click(within(form).getByRole('button', { name: 'この住所に送る' }));
    expect(await within(form).findByText('送付先を保存しました。')).toBeInTheDocument();
    expect(fetch.callsTo('PUT /api/v1/documents/notice-address')[0].body).toEqual({
      postalCode: '1000005',
      address: '東京都千代田区丸の内1-1-1',
    });
    expect(screen.getByTestId('notice-destination')).toHaveTextContent(
      '〒100-0005 東京都千代田区丸の内1-1-1',
    );

    await user.click(within(form).getByRole('button', { name: '書類の住所に送る' }));
    expect(await within(form).findByText('書類に記載の住所へお送りします。')).toBeInTheDocument();
    expect(fetch.callsTo('DELETE /api/v1/documents/notice-address')).toHaveLength(1);
    expect(screen.getByTestId('notice-destination')).toHaveTextContent(
      '本人確認書類に記載の住所へお送りします。',
    );
  });

  it('a member reads but neither uploads nor changes the address', async () => {
    const fetch = createFakeFetch({
      'POST /api/v1/auth/refresh': member,
      'GET /api/v1/documents': () =>
        json(
          200,
          myDocuments({
            identityStatus: 'approved',
            items: [aDocument({ status: 'approved' })],
            notice: notice({ postedAt: '2026-11-26T03:00:00.000Z' }),
          }),
        ),
    });
    renderApp({ route: '/documents', fetch });
    expect(await screen.findByTestId('identity-summary')).toHaveTextContent('本人確認書類を承認しました。');
    expect(screen.queryByRole('form', { name: '書類を送る' })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: '取引条件通知書の送付先' })).not.toBeInTheDocument();
    expect(screen.getByText('送付先の変更は、契約者ご本人（オーナー）のみ行えます。')).toBeInTheDocument();
    expect(screen.getByText(/に発送しました。/)).toBeInTheDocument();
    expect(screen.getByTestId('documents-list')).toHaveTextContent('承認');
  });
});
