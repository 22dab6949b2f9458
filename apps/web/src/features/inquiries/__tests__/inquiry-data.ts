import type { Inquiry, InquiryDetail } from '../api/inquiry-filters';

export function anInquiry(overrides: Partial<Inquiry> = {}): Inquiry {
  return {
    id: 'inq-1',
    receivedAt: '2026-11-25T01:30:00.000Z',
    callerNumber: '+819012345678',
    callerNumberDisplay: '090-1234-5678',
    callerName: '佐藤 花子',
    callerCompany: '株式会社サンプル',
    forWhom: '田中',
    callbackRequired: false,
    callbackNumber: null,
    callbackNumberDisplay: null,
    category: 'normal',
    content: '見積もりの件',
    urgent: false,
    status: 'unhandled',
    statusChangedAt: null,
    statusChangedByName: null,
    assigneeUserId: null,
    assigneeName: null,
    ...overrides,
  };
}

export function anInquiryDetail(overrides: Partial<InquiryDetail> = {}): InquiryDetail {
  return { ...anInquiry(), statusHistory: [], notes: [], callbackAttempts: [], ...overrides };
}

export const page = (items: Inquiry[], nextCursor: string | null = null) => ({
  items,
  nextCursor,
  hasMore: nextCursor !== null,
});
