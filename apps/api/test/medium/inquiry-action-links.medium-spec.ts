import { randomUUID } from 'node:crypto';
import { signActionLink } from '../../src/modules/inquiries/action-links/action-link-token';
import { InquiryActionLinksService } from '../../src/modules/inquiries/action-links/inquiry-action-links.service';
import { CustomerInquiriesService } from '../../src/modules/inquiries/customer/customer-inquiries.service';
import { insertInquiries } from '../support/inquiries';
import { startMedium, type MediumContext } from '../support/medium';
import { accountWithOwner, closeNotifications, DELIVERY_PROVIDERS } from '../support/notifications-medium';

// R8.4: the signed "mark handled" link of a notification — works once, only before it expires,
// only for the inquiry and account it names, and a second use at the same instant changes
// nothing — against InquiryActionLinksService and its real repositories. The link followed from
// the mail the SMTP sink caught, and the status codes, are inquiry-action-links.e2e-spec's.

let m: MediumContext;
let links: InquiryActionLinksService;

beforeAll(async () => {
  m = await startMedium({ providers: DELIVERY_PROVIDERS });
  links = m.get(InquiryActionLinksService);
});
afterAll(() => closeNotifications(m));

const tokenOf = (url: string) => url.slice(url.indexOf('#') + 1);

/** An unhandled inquiry of a new account, and a fresh link to mark it handled. */
async function unhandledWithLink() {
  const { accountId, ownerId } = await accountWithOwner(m);
  const [inquiryId] = await insertInquiries(m, accountId, [{ status: 'unhandled' }]);
  const token = tokenOf(links.markHandledUrl(accountId, inquiryId!, randomUUID()));
  return { accountId, ownerId, inquiryId: inquiryId!, token };
}

const statusOf = async (inquiryId: string) =>
  (await m.sql<{ status: string }>(`SELECT status FROM inquiries WHERE id = $1`, [inquiryId]))[0]!.status;
const historyOf = (inquiryId: string) =>
  m.sql(`SELECT 1 FROM inquiry_status_changes WHERE inquiry_id = $1`, [inquiryId]);

describe('the "mark handled" link (R8.4)', () => {
  it('says "already handled" without a second history entry when someone handled it meanwhile', async () => {
    const { accountId, ownerId, inquiryId, token } = await unhandledWithLink();
    // the owner marks it handled in the app (PATCH /inquiries/:id)
    await m
      .get(CustomerInquiriesService)
      .updateStatus(
        { userId: ownerId, accountId, role: 'owner', audience: 'businesscall-web' },
        inquiryId,
        'handled',
      );
    await expect(links.markHandled(token)).resolves.toMatchObject({ status: 'handled', changed: false });
    expect(await historyOf(inquiryId)).toHaveLength(1);
  });

  it('is refused once used, in its preview too', async () => {
    const { inquiryId, token } = await unhandledWithLink();
    await expect(links.preview(token)).resolves.toMatchObject({ inquiryId, status: 'unhandled' });
    await expect(links.markHandled(token)).resolves.toMatchObject({ inquiryId, changed: true });
    await expect(links.markHandled(token)).rejects.toMatchObject({ code: 'ACTION_LINK_USED' });
    await expect(links.preview(token)).rejects.toMatchObject({ code: 'ACTION_LINK_USED' });
  });

  it('is refused once expired, changing nothing', async () => {
    const { accountId, inquiryId } = await unhandledWithLink();
    const expired = signActionLink(m.config.actionLinks.key, {
      purpose: 'mark-handled',
      inquiryId,
      accountId,
      nonce: randomUUID(),
      exp: Math.floor(Date.now() / 1000) - 1,
    });
    await expect(links.markHandled(expired)).rejects.toMatchObject({ code: 'ACTION_LINK_EXPIRED' });
    expect(await statusOf(inquiryId)).toBe('unhandled');
  });

  it("refuses a forged link and a link naming another account's inquiry, changing nothing", async () => {
    const mine = await accountWithOwner(m);
    const theirs = await unhandledWithLink();
    // the payload changed to my account, the signature kept: not ours
    const [, signature] = theirs.token.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({
        p: 'mark-handled',
        i: theirs.inquiryId,
        a: mine.accountId,
        n: randomUUID(),
        e: Math.floor(Date.now() / 1000) + 3600,
      }),
    ).toString('base64url');
    await expect(links.markHandled(`${forgedPayload}.${signature}`)).rejects.toMatchObject({
      code: 'ACTION_LINK_INVALID',
    });
    // a correctly signed link whose inquiry is not in the named account
    const crossed = tokenOf(links.markHandledUrl(mine.accountId, theirs.inquiryId, randomUUID()));
    await expect(links.markHandled(crossed)).rejects.toMatchObject({ code: 'ACTION_LINK_INVALID' });
    expect(await statusOf(theirs.inquiryId)).toBe('unhandled');
  });

  it('changes the status once when one link is used three times at once', async () => {
    const { inquiryId, token } = await unhandledWithLink();
    const results = await Promise.allSettled([
      links.markHandled(token),
      links.markHandled(token),
      links.markHandled(token),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) {
      expect((r as PromiseRejectedResult).reason).toMatchObject({ code: 'ACTION_LINK_USED' });
    }
    expect(await historyOf(inquiryId)).toHaveLength(1);
    expect(await statusOf(inquiryId)).toBe('handled');
  });
});
