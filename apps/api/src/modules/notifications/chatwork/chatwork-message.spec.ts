import type { InquiryDisplay } from '../../inquiries/inquiry-read.service';
import { buildChatworkMessage, CHATWORK_BODY_MAX, escapeChatwork } from './chatwork-message';

const inquiry: InquiryDisplay = {
  id: 'b8a1c1de-0000-4000-8000-000000000001',
  accountId: 'a',
  receivedAt: new Date('2026-11-25T01:00:00Z'),
  callerName: '田中 一郎',
  callerCompany: '田中商店',
  callerNumberDisplay: '090-1234-5678',
  forWhom: '山田',
  callbackRequired: true,
  callbackNumberDisplay: '03-1234-5678',
  category: 'normal',
  content: 'お見積りの件でお電話しました。',
  urgent: false,
  status: 'unhandled',
};
const build = (d: Partial<InquiryDisplay> = {}) =>
  buildChatworkMessage({
    inquiry: { ...inquiry, ...d },
    receivedAt: '2026/11/25 10:00',
    categoryLabel: 'その他',
    inquiryUrl: 'https://app.example.jp/inquiries/x',
  });

describe('escapeChatwork', () => {
  it('turns brackets into full-width ones so no tag survives', () => {
    expect(escapeChatwork('[toall][To:1001] hi [/info]')).toBe('［toall］［To:1001］ hi ［/info］');
    expect(escapeChatwork('plain 文字')).toBe('plain 文字');
  });
});

describe('buildChatworkMessage', () => {
  it('frames the inquiry in one [info] block with the kind in the title', () => {
    const body = build();
    expect(body.startsWith('[info][title]折り返し必要: 田中商店 田中 一郎 様からのお電話[/title]')).toBe(
      true,
    );
    expect(body.endsWith('[/info]')).toBe(true);
    expect(body).toContain('折り返し先: 03-1234-5678');
    expect(body).toContain('https://app.example.jp/inquiries/x');
  });

  it('marks urgent ones and says 入電のみ when no call back is needed', () => {
    expect(build({ urgent: true, callbackRequired: false })).toContain('[title]【急ぎ】入電のみ: ');
  });

  it('escapes tags in every user-supplied field', () => {
    const body = build({
      callerName: '[/title][toall]',
      callerCompany: '[To:1]',
      forWhom: '[piconname:1]',
      content: 'x[/info][info]spoof',
    });
    expect(body.match(/\[info\]/g)).toHaveLength(1);
    expect(body.match(/\[\/info\]/g)).toHaveLength(1);
    expect(body.match(/\[title\]/g)).toHaveLength(1);
    expect(body).not.toContain('[toall]');
    expect(body).not.toContain('[To:1]');
    expect(body).toContain('x［/info］［info］spoof');
  });

  it('keeps newlines of the content and stays within the body limit', () => {
    expect(build({ content: 'a\r\nb' })).toContain('a\nb');
    const long = build({ content: 'あ'.repeat(70000) });
    expect(long.length).toBeLessThanOrEqual(CHATWORK_BODY_MAX);
    expect(long.endsWith('[/info]')).toBe(true);
  });
});

describe('the "mark handled" link (R8.4)', () => {
  it('is in the message when given, inside the [info] block, and absent otherwise', () => {
    const url = 'https://app.example.jp/links/mark-handled#abc.def';
    const withLink = buildChatworkMessage({
      inquiry,
      receivedAt: '2026/11/25 10:00',
      categoryLabel: '通常',
      inquiryUrl: 'https://app.example.jp/inquiries/x',
      markHandledUrl: url,
    });
    expect(withLink).toContain(`対応済みにする（ログイン不要・一度だけ）: ${url}[/info]`);
    expect(build()).not.toContain('links/mark-handled');
  });
});
