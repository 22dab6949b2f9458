import { ApiProperty } from '@nestjs/swagger';
import {
  ACCOUNT_STATES,
  ACCOUNT_TYPES,
  IDENTITY_STATUSES,
  type AccountState,
  type AccountType,
  type IdentityStatus,
} from '@bc/domain';
import { HISTORY_ACTOR_KINDS, type HistoryActorKind } from '../account-history.entity';
import { AccountSummaryDto } from './auth.dto';

/** One row of the staff account search: the summary plus the issued number, if any. */
export class AccountSearchItemDto extends AccountSummaryDto {
  @ApiProperty({ type: String, nullable: true, example: '+81312345678', description: 'Issued number, E.164' })
  phoneNumber: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '03-1234-5678',
    description: 'Issued number, national',
  })
  phoneNumberDisplay: string | null;
}

export class AccountSearchPageDto {
  @ApiProperty({ type: [AccountSearchItemDto] }) items: AccountSearchItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

/** R1.3–R1.7, R3.1: where the account stands in onboarding, as staff see it. */
export class AdminAccountFactsDto {
  @ApiProperty({ enum: IDENTITY_STATUSES, enumName: 'IdentityStatus' }) identityStatus: IdentityStatus;

  @ApiProperty({ type: String, nullable: true, description: 'Why the last document was rejected' })
  identityRejectionReason: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) cardRegisteredAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+81312345678' }) phoneNumber: string | null;

  @ApiProperty({ type: String, nullable: true, example: '03-1234-5678' }) phoneNumberDisplay: string | null;

  @ApiProperty({ type: String, nullable: true, example: '123-4567' }) noticePostalCode: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'Where the notice of transaction terms goes, when not the address on the document',
  })
  noticeAddress: string | null;

  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) noticePostedAt: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "Where inquiry notifications go; null means the owner's log-in address",
  })
  notificationEmail: string | null;
}

export class AdminAccountUserDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() email: string;
  @ApiProperty({ enum: ['owner', 'member'], enumName: 'CustomerRole' }) role: 'owner' | 'member';
  @ApiProperty() emailConfirmed: boolean;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) emailConfirmedAt: string | null;
  @ApiProperty({ type: String, nullable: true, format: 'date-time' }) lastLoginAt: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AccountHistoryEntryDto {
  @ApiProperty() id: string;
  @ApiProperty({ example: 'state.changed', description: 'e.g. account.created, number.issued' }) kind: string;
  @ApiProperty({ format: 'date-time' }) occurredAt: string;
  @ApiProperty({ enum: HISTORY_ACTOR_KINDS, enumName: 'HistoryActorKind' }) actorKind: HistoryActorKind;
  @ApiProperty({ type: String, nullable: true, description: "The actor's name when known" })
  actorName: string | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    example: { from: 'ready_for_number', to: 'active' },
    description: 'Small facts of the event (per kind)',
  })
  detail: Record<string, unknown>;
}

/** The console's account page: details, onboarding facts, users and the history (newest first). */
export class AdminAccountDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: ACCOUNT_TYPES, enumName: 'AccountType' }) type: AccountType;
  @ApiProperty() name: string;
  @ApiProperty({ type: String, nullable: true }) companyName: string | null;
  @ApiProperty({ enum: ACCOUNT_STATES, enumName: 'AccountState' }) state: AccountState;
  @ApiProperty({ type: String, nullable: true, example: '03-1234-5678' }) contactPhone: string | null;
  @ApiProperty({ type: String, nullable: true, example: '123-4567' }) postalCode: string | null;
  @ApiProperty({ type: String, nullable: true }) address: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
  @ApiProperty({ type: AdminAccountFactsDto }) facts: AdminAccountFactsDto;
  @ApiProperty({ type: [AdminAccountUserDto] }) users: AdminAccountUserDto[];
  @ApiProperty({ type: [AccountHistoryEntryDto], description: 'Newest first (at most 200)' })
  history: AccountHistoryEntryDto[];
}
