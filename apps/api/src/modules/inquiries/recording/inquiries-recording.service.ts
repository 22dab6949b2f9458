import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { INQUIRY_LIMITS } from '@bc/domain';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { OutboxRepository } from '../../../outbox/outbox.repository';
import { displayOf, parseJapaneseNumber } from '../../../common/phone/japanese-phone';
import type { Inquiry } from '../inquiry.entity';
import { searchTextOf } from '../search-text';
import type { RecordedInquiryDto } from './dto/record-inquiry.dto';
import type { OutboxPayload } from '../../../outbox/events';
import { InquiriesRecordingRepository } from './inquiries-recording.repository';
import type { AnsweredCall, InquiryFields } from './recording.types';

const UNIQUE_VIOLATION = '23505';

/** Characters as PostgreSQL counts them (code points), so a limit checked here holds in the column. */
const lengthOf = (text: string) => [...text].length;

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; driverError?: { code?: string } };
  return e?.code === UNIQUE_VIOLATION || e?.driverError?.code === UNIQUE_VIOLATION;
}

export function toRecordedInquiryDto(inquiry: Inquiry): RecordedInquiryDto {
  return {
    id: inquiry.id,
    accountId: inquiry.accountId,
    callId: inquiry.callId,
    receivedAt: inquiry.receivedAt.toISOString(),
    callerNumber: inquiry.callerNumber,
    callerName: inquiry.callerName,
    callerCompany: inquiry.callerCompany,
    forWhom: inquiry.forWhom,
    callbackRequired: inquiry.callbackRequired,
    callbackNumber: inquiry.callbackNumber,
    callbackNumberDisplay: inquiry.callbackNumber ? displayOf(inquiry.callbackNumber) : null,
    category: inquiry.category,
    content: inquiry.content,
    urgent: inquiry.urgent,
    status: inquiry.status,
    recordedByName: inquiry.recordedByName,
    createdAt: inquiry.createdAt.toISOString(),
  };
}

/**
 * R4.1, R2.2: creates the inquiry of an answered call from plain values (the counted call). It
 * knows nothing of the calls table: telephony checks the claim and passes the call's facts and
 * its transaction. The `inquiry.created` outbox event is written in the same transaction.
 */
@Injectable()
export class InquiriesRecordingService {
  constructor(
    private readonly inquiries: InquiriesRecordingRepository,
    private readonly outbox: OutboxRepository,
  ) {}

  async record(call: AnsweredCall, fields: InquiryFields, em: EntityManager): Promise<RecordedInquiryDto> {
    const values = this.validate(fields);
    let inquiry: Inquiry;
    try {
      inquiry = await this.inquiries.insert(
        {
          accountId: call.accountId,
          callId: call.callId,
          receivedAt: call.receivedAt,
          callerNumber: call.callerNumber,
          ...values,
          recordedBy: call.recordedBy,
          recordedByName: call.recordedByName,
          searchText: searchTextOf([
            values.callerName,
            values.callerCompany,
            values.forWhom,
            values.content,
            values.callbackNumber ? displayOf(values.callbackNumber) : null,
          ]),
        },
        em,
      );
    } catch (err) {
      if (isUniqueViolation(err)) {
        throw new DomainError(
          'INQUIRY_ALREADY_RECORDED',
          'An inquiry has already been recorded for this call.',
        );
      }
      throw err;
    }
    const payload: OutboxPayload<'inquiry.created'> = {
      inquiryId: inquiry.id,
      accountId: inquiry.accountId,
      callbackRequired: inquiry.callbackRequired,
      urgent: inquiry.urgent,
      category: inquiry.category,
      receivedAt: inquiry.receivedAt.toISOString(),
    };
    await this.outbox.add({ type: 'inquiry.created', payload }, em);
    return toRecordedInquiryDto(inquiry);
  }

  /** The rules the DTO cannot express: the call-back number, code-point lengths, no NUL. */
  private validate(fields: InquiryFields) {
    const errors: FieldError[] = [];
    const field = (name: string, code: string, message: string) =>
      errors.push({ pointer: `/body/${name}`, code, message });
    const text = (name: keyof typeof INQUIRY_LIMITS, value: string | null | undefined) => {
      if (value === null || value === undefined) return null;
      if (lengthOf(value) > INQUIRY_LIMITS[name]) {
        field(name, 'MAX_LENGTH', `${name} must be at most ${INQUIRY_LIMITS[name]} characters`);
      } else if (value.includes('\u0000')) {
        field(name, 'INVALID_CHARACTER', `${name} must not contain NUL characters`);
      }
      return value;
    };
    const callerName = text('callerName', fields.callerName) ?? '';
    const callerCompany = text('callerCompany', fields.callerCompany);
    const forWhom = text('forWhom', fields.forWhom);
    const content = text('content', fields.content) ?? '';
    let callbackNumber: string | null = null;
    if (fields.callbackNumber) {
      const parsed = parseJapaneseNumber(fields.callbackNumber);
      if (parsed) callbackNumber = parsed.e164;
      else field('callbackNumber', 'PHONE_NUMBER_INVALID', 'callbackNumber must be a Japanese phone number');
    } else if (fields.callbackRequired) {
      field('callbackNumber', 'IS_NOT_EMPTY', 'callbackNumber is required when a call back is required');
    }
    if (errors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', {
        fieldErrors: errors,
      });
    }
    return {
      callerName,
      callerCompany,
      forWhom,
      callbackRequired: fields.callbackRequired,
      callbackNumber,
      category: fields.category,
      content,
      urgent: fields.urgent ?? false,
    };
  }
}
