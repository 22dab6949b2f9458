import { displayOf } from '../../../common/phone/japanese-phone';
import type {
  InquiryCallbackAttemptDto,
  InquiryDetailDto,
  InquiryDto,
  InquiryNoteDto,
} from './dto/customer-inquiries.dto';
import type { InquiryCallbackAttempt } from '../inquiry-callback-attempt.entity';
import type { InquiryRow, NoteRow, StatusChangeRow } from './customer-inquiries.repository';

const display = (e164: string | null) => (e164 ? displayOf(e164) : null);

export function toInquiryDto(row: InquiryRow): InquiryDto {
  return {
    id: row.id,
    receivedAt: new Date(row.receivedAt).toISOString(),
    callerNumber: row.callerNumber,
    callerNumberDisplay: display(row.callerNumber),
    callerName: row.callerName,
    callerCompany: row.callerCompany,
    forWhom: row.forWhom,
    callbackRequired: row.callbackRequired,
    callbackNumber: row.callbackNumber,
    callbackNumberDisplay: display(row.callbackNumber),
    category: row.category,
    content: row.content,
    urgent: row.urgent,
    status: row.status,
    statusChangedAt: row.statusChangedAt ? new Date(row.statusChangedAt).toISOString() : null,
    statusChangedByName: row.statusChangedByName,
    assigneeUserId: row.assigneeUserId,
    assigneeName: row.assigneeName,
  };
}

export function toInquiryNoteDto(note: NoteRow): InquiryNoteDto {
  return {
    id: note.id,
    body: note.body,
    authorKind: note.authorKind,
    authorName: note.authorName,
    createdAt: new Date(note.createdAt).toISOString(),
  };
}

export function toInquiryDetailDto(
  row: InquiryRow,
  history: StatusChangeRow[],
  notes: NoteRow[],
  callbackAttempts: InquiryCallbackAttempt[] = [],
): InquiryDetailDto {
  return {
    ...toInquiryDto(row),
    statusHistory: history.map((h) => ({
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      changedAt: new Date(h.changedAt).toISOString(),
      actorKind: h.actorKind,
      actorName: h.actorName,
    })),
    notes: notes.map(toInquiryNoteDto),
    callbackAttempts: callbackAttempts.map(toCallbackAttemptDto),
  };
}

export function toCallbackAttemptDto(attempt: InquiryCallbackAttempt): InquiryCallbackAttemptDto {
  return {
    id: attempt.id,
    attemptedAt: new Date(attempt.attemptedAt).toISOString(),
    outcome: attempt.outcome,
    note: attempt.note,
    actorKind: attempt.actorKind,
    actorName: attempt.actorName,
    createdAt: new Date(attempt.createdAt).toISOString(),
  };
}
