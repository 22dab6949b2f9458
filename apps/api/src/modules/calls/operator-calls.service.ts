import { Inject, Injectable } from '@nestjs/common';
import type { AuthUser } from '../../common/auth/auth-user';
import { DomainError } from '../../common/errors/domain-error';
import { DatabaseService } from '../../database/database.service';
import { AccountsService } from '../accounts/accounts.service';
import type { RecordedInquiryDto, RecordInquiryDto } from '../inquiries/recording/dto/record-inquiry.dto';
import { InquiriesRecordingService } from '../inquiries/recording/inquiries-recording.service';
import type { Call } from './call.entity';
import { greetingFor, toOperatorCallDto, type CustomerNames } from './call.mapper';
import { CallEventsService } from './call-events.service';
import { CallsRepository } from './calls.repository';
import type { CallEventType, OperatorCallDto, OperatorCallsDto, ScreenPopDto } from './dto/telephony.dto';
import {
  ANSWER_MEMO_PROVIDER,
  CALLER_CONTACT_PROVIDER,
  PREVIOUS_INQUIRIES_PROVIDER,
  type AnswerMemoProvider,
  type CallerContactProvider,
  type PreviousInquiriesProvider,
} from './telephony.ports';

/** R3.4: the operators' live queue, claiming a call (never two operators) and the screen pop. */
@Injectable()
export class OperatorCallsService {
  constructor(
    private readonly calls: CallsRepository,
    private readonly accounts: AccountsService,
    private readonly events: CallEventsService,
    @Inject(ANSWER_MEMO_PROVIDER) private readonly memos: AnswerMemoProvider,
    @Inject(PREVIOUS_INQUIRIES_PROVIDER) private readonly inquiries: PreviousInquiriesProvider,
    @Inject(CALLER_CONTACT_PROVIDER) private readonly contacts: CallerContactProvider,
    private readonly recording: InquiriesRecordingService,
    private readonly db: DatabaseService,
  ) {}

  async list(user: AuthUser): Promise<OperatorCallsDto> {
    const [waiting, mine] = await Promise.all([
      this.calls.listWaiting(),
      this.calls.listClaimedBy(user.userId),
    ]);
    const described = await this.describeMany([...waiting, ...mine]);
    return {
      waiting: described.slice(0, waiting.length),
      mine: described.slice(waiting.length),
      serverTime: new Date().toISOString(),
    };
  }

  /**
   * R3.4: one conditional UPDATE decides; the loser of a race gets 409 CALL_ALREADY_CLAIMED.
   * Claiming a call one already holds answers its screen pop again (a double click is harmless).
   */
  async claim(callId: string, user: AuthUser): Promise<ScreenPopDto> {
    const claimed = await this.calls.claim(callId, user.userId);
    if (claimed) {
      const dto = await this.describe(claimed);
      await this.publish('call.claimed', dto);
      return this.screenPopOf(claimed, dto);
    }
    const call = await this.calls.findById(callId);
    if (!call || !['waiting', 'claimed', 'ended'].includes(call.state)) {
      throw new DomainError('CALL_NOT_FOUND', 'There is no such call in the queue.');
    }
    if (call.state === 'claimed' && call.claimedBy === user.userId) return this.screenPopOf(call);
    if (call.state === 'claimed' || (call.state === 'ended' && call.claimedBy !== null)) {
      throw new DomainError('CALL_ALREADY_CLAIMED', 'Another operator has already taken this call.');
    }
    throw new DomainError('CALL_NOT_WAITING', 'The caller hung up before anyone answered.');
  }

  /** The screen pop of a call I hold (after a reload of the console). */
  async screenPop(callId: string, user: AuthUser): Promise<ScreenPopDto> {
    const call = await this.calls.findById(callId);
    const ringsForMe = call?.state === 'offered' && call.offeredTo === user.userId;
    if (!call || (call.claimedBy !== user.userId && !ringsForMe)) {
      throw new DomainError('CALL_NOT_FOUND', 'This call is neither ringing for you nor yours.');
    }
    return this.screenPopOf(call);
  }

  /**
   * R4.1, R2.2: the operator who took the call records its inquiry (the counted call). In one
   * transaction: the call is locked, the inquiry and its `inquiry.created` outbox event are
   * written, and the call is marked recorded. A second record of the call answers 409
   * INQUIRY_ALREADY_RECORDED (the inquiry's unique `call_id` decides a race).
   */
  async recordInquiry(callId: string, user: AuthUser, dto: RecordInquiryDto): Promise<RecordedInquiryDto> {
    // Read before the transaction: inside it, this query would wait for a second pooled connection
    // while holding one, and ten concurrent recordings then starve the pool until its timeout.
    const recordedByName = (await this.accounts.userNames([user.userId])).get(user.userId) ?? null;
    const { call, inquiry } = await this.db.transaction(async (em) => {
      const call = await this.calls.lockById(callId, em);
      if (!call || !call.accountId || !['waiting', 'claimed', 'ended'].includes(call.state)) {
        throw new DomainError('CALL_NOT_FOUND', 'There is no such answered call.');
      }
      if (call.claimedBy === null) {
        throw new DomainError('CALL_NOT_CLAIMED', 'Nobody has taken this call: take it before recording it.');
      }
      if (call.claimedBy !== user.userId) {
        throw new DomainError('CALL_NOT_YOURS', 'Only the operator who took this call can record it.');
      }
      if (call.recordedAt !== null) {
        throw new DomainError(
          'INQUIRY_ALREADY_RECORDED',
          'An inquiry has already been recorded for this call.',
        );
      }
      const inquiry = await this.recording.record(
        {
          callId: call.id,
          accountId: call.accountId,
          receivedAt: call.startedAt,
          callerNumber: call.fromE164,
          recordedBy: user.userId,
          recordedByName,
        },
        dto,
        em,
      );
      if (!(await this.calls.markRecorded(call.id, inquiry.id, em))) {
        throw new DomainError(
          'INQUIRY_ALREADY_RECORDED',
          'An inquiry has already been recorded for this call.',
        );
      }
      return { call: Object.assign(call, { inquiryId: inquiry.id, recordedAt: new Date() }), inquiry };
    });
    // After the commit: the call leaves "my calls" in every console the operator has open.
    await this.publish('call.recorded', await this.describe(call));
    return inquiry;
  }

  /** Publishes a call event to every API process (and so to every operator's stream). */
  async publish(type: CallEventType, call: OperatorCallDto): Promise<void> {
    await this.events.publish({ type, call, at: new Date().toISOString() });
  }

  async describe(call: Call): Promise<OperatorCallDto> {
    return (await this.describeMany([call]))[0];
  }

  private async describeMany(calls: Call[]): Promise<OperatorCallDto[]> {
    return (await this.withNames(calls)).map(({ call, names }) => toOperatorCallDto(call, names));
  }

  private async withNames(calls: Call[]): Promise<{ call: Call; names: CustomerNames | null }[]> {
    const ids = [...new Set(calls.flatMap((c) => (c.accountId ? [c.accountId] : [])))];
    const names = new Map<string, CustomerNames>();
    await Promise.all(
      ids.map(async (id) => {
        const account = await this.accounts.findAccount(id);
        if (account) names.set(id, { name: account.name, companyName: account.companyName });
      }),
    );
    return calls.map((call) => ({
      call,
      names: call.accountId ? (names.get(call.accountId) ?? null) : null,
    }));
  }

  private async screenPopOf(call: Call, described?: OperatorCallDto): Promise<ScreenPopDto> {
    const [{ names }] = await this.withNames([call]);
    const dto = described ?? toOperatorCallDto(call, names);
    const [answerMemo, previous, contact] = await Promise.all([
      call.accountId ? this.memos.answerMemo(call.accountId) : { memo: null, qa: [] },
      call.accountId && call.fromE164 ? this.inquiries.previousInquiries(call.accountId, call.fromE164) : [],
      call.accountId && call.fromE164 ? this.contacts.knownCaller(call.accountId, call.fromE164) : null,
    ]);
    return {
      call: dto,
      greeting: greetingFor(names),
      elapsedSeconds: Math.max(0, Math.floor((Date.now() - call.startedAt.getTime()) / 1000)),
      answerMemo: {
        memo: answerMemo.memo
          ? {
              basicInfo: answerMemo.memo.basicInfo,
              businessHours: answerMemo.memo.businessHours,
              freeText: answerMemo.memo.freeText,
            }
          : null,
        qa: answerMemo.qa.map((q) => ({ question: q.question, answer: q.answer })),
      },
      previousInquiries: previous.map((p) => ({
        id: p.id,
        receivedAt: p.receivedAt.toISOString(),
        callerName: p.callerName,
        summary: p.summary,
      })),
      contact: contact
        ? {
            id: contact.id,
            name: contact.name,
            reading: contact.reading,
            company: contact.company,
            vip: contact.vip,
          }
        : null,
    };
  }
}
