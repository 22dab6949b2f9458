import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CallbackOutcome } from '@bc/domain';
import { DatabaseService } from '../../../database/database.service';
import { InquiryCallbackAttempt } from '../inquiry-callback-attempt.entity';
import type { StatusActor } from './customer-inquiries.repository';

export interface NewCallbackAttempt {
  inquiryId: string;
  accountId: string;
  attemptedAt: Date;
  outcome: CallbackOutcome;
  note: string | null;
  actor: StatusActor;
}

/** R8.7: the call-back attempts of an inquiry. The caller has already checked the inquiry's account. */
@Injectable()
export class CallbackAttemptsRepository {
  constructor(private readonly db: DatabaseService) {}

  /** Newest first (by when it was tried, then by when it was logged). */
  list(inquiryId: string, em?: EntityManager): Promise<InquiryCallbackAttempt[]> {
    return this.db.repository(InquiryCallbackAttempt, em).find({
      where: { inquiryId },
      order: { attemptedAt: 'DESC', createdAt: 'DESC', id: 'DESC' },
    });
  }

  add(attempt: NewCallbackAttempt, em?: EntityManager): Promise<InquiryCallbackAttempt> {
    const repo = this.db.repository(InquiryCallbackAttempt, em);
    return repo.save(
      repo.create({
        inquiryId: attempt.inquiryId,
        accountId: attempt.accountId,
        attemptedAt: attempt.attemptedAt,
        outcome: attempt.outcome,
        note: attempt.note,
        actorKind: attempt.actor.kind,
        actorId: attempt.actor.id,
        actorName: attempt.actor.name,
      }),
    );
  }
}
