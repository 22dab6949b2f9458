import { Injectable } from '@nestjs/common';
import type { AuthUser } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import { DatabaseService } from '../../../database/database.service';
import { AccountHistoryService, actorOf } from '../account-history.service';
import type { Account } from '../account.entity';
import { AccountsRepository } from '../accounts.repository';
import { AccountsService } from '../accounts.service';
import { UsersRepository } from '../users.repository';
import { ownAccount } from './customer-documents.service';
import { toNotice } from './documents.mapper';
import type { AdminNoticeDto, NoticeAddressDto, UpdateNoticeAddressDto } from './dto/documents.dto';

/** Staff's view of the notice: who recorded it posted, and whether it can be recorded now. */
export function adminNotice(account: Account, postedByName: string | null): AdminNoticeDto {
  return {
    ...toNotice(account),
    postedByName: account.noticePostedAt ? postedByName : null,
    canRecordPosted: account.identityStatus === 'approved' && account.noticePostedAt === null,
  };
}

/**
 * R1.4: the notice of transaction terms, posted to the customer once the identity documents are
 * approved: the owner may give another mailing address than the document's, and staff record the
 * posting, once.
 */
@Injectable()
export class NoticeOfTermsService {
  constructor(
    private readonly accounts: AccountsService,
    private readonly accountsRepo: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly history: AccountHistoryService,
    private readonly db: DatabaseService,
  ) {}

  /** R1.4: the owner gives another mailing address for the notice of transaction terms. */
  async updateNoticeAddress(user: AuthUser, dto: UpdateNoticeAddressDto): Promise<NoticeAddressDto> {
    const digits = dto.postalCode.replace('-', '');
    return this.writeNoticeAddress(user, `${digits.slice(0, 3)}-${digits.slice(3)}`, dto.address);
  }

  /** R1.4: back to the address on the document. */
  clearNoticeAddress(user: AuthUser): Promise<NoticeAddressDto> {
    return this.writeNoticeAddress(user, null, null);
  }

  private async writeNoticeAddress(
    user: AuthUser,
    postalCode: string | null,
    address: string | null,
  ): Promise<NoticeAddressDto> {
    if (user.role !== 'owner') {
      throw new DomainError('FORBIDDEN', 'Only the owner of the account can change the mailing address.');
    }
    const account = await ownAccount(this.accounts, user);
    const name = (await this.users.findById(user.userId))?.name ?? null;
    await this.db.transaction(async (em) => {
      await this.accountsRepo.updateFacts(
        account.id,
        { noticePostalCode: postalCode, noticeAddress: address },
        em,
      );
      await this.history.record(
        account.id,
        'notice_address.changed',
        actorOf(user, name),
        { usesDocumentAddress: address === null, postalCode, address },
        em,
      );
    });
    return toNotice({ ...account, noticePostalCode: postalCode, noticeAddress: address });
  }

  /** R1.4: staff record that the notice of transaction terms was posted; once, after approval. */
  async recordNoticePosted(accountId: string, user: AuthUser): Promise<AdminNoticeDto> {
    const name = (await this.users.findById(user.userId))?.name ?? null;
    const account = await this.db.transaction(async (em) => {
      const locked = await this.accountsRepo.findByIdForUpdate(accountId, em);
      if (!locked) throw new DomainError('NOT_FOUND', 'There is no such account.');
      if (locked.identityStatus !== 'approved') {
        throw new DomainError(
          'NOTICE_IDENTITY_NOT_APPROVED',
          'The notice of transaction terms is posted once the identity documents are approved.',
        );
      }
      if (locked.noticePostedAt) {
        throw new DomainError('NOTICE_ALREADY_POSTED', 'The notice has already been recorded as posted.');
      }
      const postedAt = new Date();
      await this.accountsRepo.updateFacts(accountId, { noticePostedAt: postedAt }, em);
      await this.history.record(
        accountId,
        'notice.posted',
        actorOf(user, name),
        locked.noticeAddress
          ? { to: 'customer_address', postalCode: locked.noticePostalCode, address: locked.noticeAddress }
          : { to: 'document_address' },
        em,
      );
      return { ...locked, noticePostedAt: postedAt };
    });
    return adminNotice(account, name);
  }
}
