import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { identityStatusOf } from '@bc/domain';
import type { HistoryActor } from '../account-history.service';
import { AccountLifecycleService } from '../account-lifecycle.service';
import { DocumentsRepository } from './documents.repository';

/**
 * R1.6: the account's identity review follows its documents. Called in the transaction of every
 * document change (stored, approved, rejected), so the onboarding state moves with it.
 */
@Injectable()
export class IdentityStatusService {
  constructor(
    private readonly documents: DocumentsRepository,
    private readonly lifecycle: AccountLifecycleService,
  ) {}

  /** R1.6: recomputes the identity review from the documents and lets the account state follow. */
  async recompute(
    accountId: string,
    rejectionReason: string | null,
    actor: HistoryActor,
    em: EntityManager,
  ): Promise<void> {
    const status = identityStatusOf(await this.documents.statusesOf(accountId, em));
    await this.lifecycle.setIdentityStatus(accountId, status, rejectionReason, actor, em);
  }
}
