import type { MemoVersionDto } from './dto/memos.dto';
import type { AnnouncementContent, MemoFieldsContent, MemoVersion, QaContent } from './memo-version.entity';

export function toMemoVersionDto(v: MemoVersion, names: Map<string, string>): MemoVersionDto {
  const memo = v.kind === 'memo' ? (v.content as MemoFieldsContent) : null;
  return {
    id: v.id,
    kind: v.kind,
    status: v.status,
    memo: memo
      ? { basicInfo: memo.basicInfo, businessHours: memo.businessHours, freeText: memo.freeText }
      : null,
    qa:
      v.kind === 'qa'
        ? (v.content as QaContent).items.map((i) => ({ question: i.question, answer: i.answer }))
        : null,
    announcement: v.kind === 'announcement' ? (v.content as AnnouncementContent).text : null,
    liveFrom: v.liveFrom?.toISOString() ?? null,
    liveUntil: v.liveUntil?.toISOString() ?? null,
    submittedAt: v.submittedAt.toISOString(),
    submittedByName: v.submittedBy ? (names.get(v.submittedBy) ?? null) : null,
    decidedAt: v.decidedAt?.toISOString() ?? null,
    decidedByName: v.decidedBy ? (names.get(v.decidedBy) ?? null) : null,
    rejectReason: v.rejectReason,
    refiledFrom: v.refiledFrom,
  };
}
