import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';
import { DomainError } from '../../common/errors/domain-error';
import { decodeCursor, encodeCursor } from '../../common/pagination/page-query.dto';
import { DatabaseService } from '../../database/database.service';
import { AccountLifecycleService } from '../accounts/account-lifecycle.service';
import type { HistoryActor } from '../accounts/account-history.service';
import type {
  AddNumberResultDto,
  AddNumbersResultDto,
  IssuedNumberDto,
  MyNumberDto,
  NumbersPageDto,
  UpdateNumberUsageDto,
} from './dto/numbers.dto';
import {
  displayOf,
  parseJapaneseNumber,
  parsePoolNumber,
  type JapaneseNumberKind,
} from '../../common/phone/japanese-phone';
import { toMyNumberDto, toPhoneNumberDto } from './number.mapper';
import type { PhoneNumberState } from './phone-number.entity';
import { NumbersRepository } from './numbers.repository';
import { OutboxRepository } from '../../outbox/outbox.repository';
import type { OutboxPayload } from '../../outbox/events';

/** Which kinds of number each usage method may be forwarded from (R3.2). */
const FORWARDED_FROM_KINDS: Record<'B' | 'C', JapaneseNumberKind[]> = {
  B: ['fixed', 'mobile', 'ip'],
  C: ['toll_free', 'navi_dial'],
};

@Injectable()
export class NumbersService {
  constructor(
    private readonly numbers: NumbersRepository,
    private readonly outbox: OutboxRepository,
    private readonly lifecycle: AccountLifecycleService,
    private readonly db: DatabaseService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** R3.1: adds Tokyo 03 numbers to the pool; every other number is refused with its reason. */
  async addToPool(inputs: string[]): Promise<AddNumbersResultDto> {
    const parsed = inputs.map((input) => ({ input, parsed: parsePoolNumber(input) }));
    const valid = parsed.flatMap((p) => (p.parsed.ok ? [p.parsed.e164] : []));
    const inserted = await this.numbers.insertMissing(valid);
    const claimed = new Set<string>();
    const results = parsed.map(({ input, parsed: p }): AddNumberResultDto => {
      if (!p.ok) return { input, outcome: 'refused', e164: null, display: null, reason: p.reason };
      // The first mention of a number inserted now is "added"; any other mention was already there.
      const added = inserted.has(p.e164) && !claimed.has(p.e164);
      claimed.add(p.e164);
      return {
        input,
        outcome: added ? 'added' : 'already_in_pool',
        e164: p.e164,
        display: p.display,
        reason: null,
      };
    });
    const count = (outcome: AddNumberResultDto['outcome']) =>
      results.filter((r) => r.outcome === outcome).length;
    return {
      results,
      added: count('added'),
      alreadyInPool: count('already_in_pool'),
      refused: count('refused'),
    };
  }

  async listPool(limit: number, cursor?: string, state?: PhoneNumberState): Promise<NumbersPageDto> {
    const after = decodeCursor(cursor, 1);
    const [rows, counts] = await Promise.all([
      this.numbers.listPage(limit + 1, after ? String(after[0]) : null, state),
      this.numbers.countByState(),
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const now = new Date();
    return {
      items: items.map((n) => toPhoneNumberDto(n, now)),
      nextCursor: rows.length > limit && last ? encodeCursor([last.e164]) : null,
      counts: { ...counts, total: counts.free + counts.assigned + counts.quarantined },
    };
  }

  /**
   * R3.1: gives a `ready_for_number` account the next free number (or a chosen free one) and makes
   * it `active`, in one transaction with the `number.issued` outbox row. The account row is locked
   * first, so two issues to one account queue up and the second finds it active; the number row is
   * locked next (SKIP LOCKED for "next free"), so two issues never take the same number.
   */
  async issue(
    accountId: string,
    numberId: string | undefined,
    actor: HistoryActor,
  ): Promise<IssuedNumberDto> {
    return this.db.transaction(async (em) => {
      await this.lifecycle.activateForNumber(accountId, em);
      if (await this.numbers.findAssignedToAccount(accountId, em)) {
        throw new DomainError('NUMBER_ALREADY_ISSUED', 'This account already has a number.');
      }
      const number = numberId
        ? await this.numbers.lockById(numberId, em)
        : await this.numbers.lockNextAvailable(em);
      if (!number) {
        throw numberId
          ? new DomainError('NUMBER_NOT_FOUND', 'There is no such number in the pool.')
          : new DomainError('NUMBER_POOL_EMPTY', 'There is no free number in the pool.');
      }
      if (!number.available) throw new DomainError('NUMBER_NOT_AVAILABLE', 'This number is not free.');

      const issuedAt = new Date();
      await this.numbers.assign(number.id, accountId, issuedAt, em);
      await this.lifecycle.recordNumberIssued(accountId, number.e164, actor, em);
      const payload: OutboxPayload<'number.issued'> = {
        accountId,
        numberId: number.id,
        e164: number.e164,
        issuedAt: issuedAt.toISOString(),
      };
      await this.outbox.add({ type: 'number.issued', payload }, em);
      return { ...payload, display: displayOf(number.e164) };
    });
  }

  /**
   * Takes the account's number back (used by cancellation): it rests in quarantine for
   * NUMBER_QUARANTINE_DAYS and is free again once that date has passed. Null when it had none.
   */
  release(
    accountId: string,
    em?: EntityManager,
  ): Promise<{ id: string; e164: string; quarantinedUntil: Date } | null> {
    return this.numbers.quarantineForAccount(accountId, this.config.numberQuarantineDays, em);
  }

  async getMine(accountId: string): Promise<MyNumberDto> {
    const number = await this.numbers.findAssignedToAccount(accountId);
    if (!number) {
      throw new DomainError('NUMBER_NOT_ISSUED', 'No number has been issued to this account yet.');
    }
    return toMyNumberDto(number, await this.numbers.findUsage(accountId));
  }

  /** R3.2: how the customer uses the number; for B and C the carrier and the number forwarded from. */
  async updateUsage(accountId: string, dto: UpdateNumberUsageDto): Promise<MyNumberDto> {
    const number = await this.numbers.findAssignedToAccount(accountId);
    if (!number) {
      throw new DomainError(
        'NUMBER_USAGE_BEFORE_ISSUE',
        'How the number is used can be told once the number is issued.',
      );
    }
    let forwardedFrom: string | null = null;
    if (dto.method !== 'A') {
      const parsed = parseJapaneseNumber(dto.forwardedFrom ?? '');
      const fieldError = (code: string, message: string) =>
        new DomainError('VALIDATION_FAILED', 'The number forwarded from is not valid.', {
          fieldErrors: [{ pointer: '/body/forwardedFrom', code, message }],
        });
      if (!parsed) throw fieldError('PHONE_NUMBER_INVALID', 'forwardedFrom must be a Japanese phone number');
      if (!FORWARDED_FROM_KINDS[dto.method].includes(parsed.kind)) {
        throw dto.method === 'B'
          ? fieldError('FORWARD_FROM_NOT_A_LINE', 'for B, forwardedFrom must be a fixed, mobile or 050 line')
          : fieldError(
              'FORWARD_FROM_NOT_FREE_DIAL',
              'for C, forwardedFrom must be a 0120, 0800 or 0570 number',
            );
      }
      if (parsed.e164 === number.e164) {
        throw fieldError('FORWARD_FROM_SELF', 'forwardedFrom cannot be the issued number itself');
      }
      forwardedFrom = parsed.e164;
    }
    const usage = await this.numbers.upsertUsage({
      accountId,
      method: dto.method,
      carrier: dto.method === 'A' ? null : (dto.carrier ?? null),
      forwardedFrom,
    });
    return toMyNumberDto(number, usage);
  }
}
