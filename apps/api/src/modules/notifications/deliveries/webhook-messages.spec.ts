import type { InquiryDisplay } from '../../inquiries/inquiry-read.service';
import {
  eventIdOfDelivery,
  inquiryChatText,
  inquiryCreatedData,
  isPermanentStatus,
} from './webhook-messages';
import { deliveryKey, deliveryKind } from './deliveries.repository';

const inquiry: InquiryDisplay = {
  id: '0b9c8d7e-1111-4222-8333-444455556666',
  accountId: 'acc',
  receivedAt: new Date('2026-11-25T01:05:00Z'),
  callerName: '佐藤 <!channel>',
  callerCompany: '株式会社A&B',
  callerNumberDisplay: '090-0000-0000',
  forWhom: '田中様',
  callbackRequired: true,
  callbackNumberDisplay: '090-1234-5678',
  category: 'sales',
  content: '見積もりの件',
  urgent: true,
  status: 'unhandled',
};
const WEB = 'https://app.example.jp';

describe('webhook, Slack and Teams messages (R6.3)', () => {
  it('gives webhooks the inquiry fields and its URL, not the caller number', () => {
    const data = inquiryCreatedData(inquiry, WEB);
    expect(data).toEqual({
      id: inquiry.id,
      receivedAt: '2026-11-25T01:05:00.000Z',
      callerName: '佐藤 <!channel>',
      callerCompany: '株式会社A&B',
      forWhom: '田中様',
      callbackRequired: true,
      callbackNumber: '090-1234-5678',
      category: 'sales',
      content: '見積もりの件',
      urgent: true,
      url: `${WEB}/inquiries/${inquiry.id}`,
    });
  });

  it('writes Slack text in Japanese with the markup characters escaped', () => {
    const text = inquiryChatText('slack', inquiry, WEB);
    expect(text).toContain('【急ぎ】折り返し必要');
    expect(text).toContain('株式会社A&amp;B 佐藤 &lt;!channel&gt;');
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('11月25日');
    expect(text).toContain('10:05');
    expect(text).toContain('分類: 営業');
    expect(text).toContain(`<${WEB}/inquiries/${inquiry.id}|詳細を見る>`);
  });

  it('writes Teams text as markdown paragraphs; 入電のみ without 【急ぎ】', () => {
    const text = inquiryChatText('teams', { ...inquiry, urgent: false, callbackRequired: false }, WEB);
    expect(text).toContain('**入電のみ: ');
    expect(text).not.toContain('【急ぎ】');
    expect(text).toContain('\n\nご用件: 見積もりの件');
    expect(text).toContain(`[詳細を見る](${WEB}/inquiries/${inquiry.id})`);
  });

  it('keeps one event id per delivery', () => {
    const id = '0b9c8d7e-1111-4222-8333-444455556666';
    expect(eventIdOfDelivery(id)).toBe('evt_0b9c8d7e111142228333444455556666');
    expect(eventIdOfDelivery(id)).toBe(eventIdOfDelivery(id));
  });

  it('treats 4xx but 408 and 429 as final', () => {
    expect([400, 401, 404, 410, 422].every(isPermanentStatus)).toBe(true);
    expect([408, 429, 500, 502, 503, 302].some(isPermanentStatus)).toBe(false);
  });

  it('keys inquiry deliveries by inquiry, later events by outbox event', () => {
    const base = { inquiryId: 'inq', channel: 'webhook' as const, target: 'ep' };
    expect(deliveryKey(base)).toBe('inquiry:inq:webhook:ep');
    const eventId = '11111111-2222-4333-8444-555566667777';
    expect(deliveryKey({ ...base, eventId })).toBe(`event:${eventId}:webhook:ep`);
    expect(deliveryKey({ ...base, reminder: true })).toBe('reminder:inq:webhook:ep');
  });

  it.each([
    ['a new inquiry', {}, 'inquiry_created'],
    ['its reminder', { reminder: true }, 'reminder'],
    ['a later event', { eventId: '11111111-2222-4333-8444-555566667777' }, 'event'],
  ])('stores what the delivery carries as its kind: %s', (_, delivery, kind) => {
    expect(deliveryKind(delivery)).toBe(kind);
  });
});

describe('chat texts: the "mark handled" link (R8.4)', () => {
  const url = 'https://app.example.jp/links/mark-handled#abc.def';
  it('is a Slack link and a Teams markdown link when given', () => {
    expect(inquiryChatText('slack', inquiry, WEB, url)).toContain(`<${url}|対応済みにする（ログイン不要）>`);
    expect(inquiryChatText('teams', inquiry, WEB, url)).toContain(`[対応済みにする（ログイン不要）](${url})`);
  });
  it('is absent when not given', () => {
    expect(inquiryChatText('slack', inquiry, WEB)).not.toContain('mark-handled');
  });
});
