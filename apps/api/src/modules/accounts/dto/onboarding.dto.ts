import { ApiProperty } from '@nestjs/swagger';
import { ACCOUNT_STATES, IDENTITY_STATUSES, type AccountState, type IdentityStatus } from '@bc/domain';

export const ONBOARDING_STEPS = [
  'email_confirmed',
  'identity_documents',
  'card_registered',
  'number_issued',
] as const;
export type OnboardingStepKey = (typeof ONBOARDING_STEPS)[number];

/** done; todo (the customer acts); waiting (we act); rejected (the customer acts again). */
export const ONBOARDING_STEP_STATUSES = ['done', 'todo', 'waiting', 'rejected'] as const;
export type OnboardingStepStatus = (typeof ONBOARDING_STEP_STATUSES)[number];

/** What the customer must do for a step not done, as a code the app translates. */
export const ONBOARDING_ACTIONS = [
  'upload_document',
  'wait_for_review',
  'reupload_document',
  'register_card',
  'wait_for_number',
  'complete_previous_steps',
] as const;
export type OnboardingAction = (typeof ONBOARDING_ACTIONS)[number];

export class OnboardingStepDto {
  @ApiProperty({ enum: ONBOARDING_STEPS, enumName: 'OnboardingStepKey' }) key: OnboardingStepKey;

  @ApiProperty({ enum: ONBOARDING_STEP_STATUSES, enumName: 'OnboardingStepStatus' })
  status: OnboardingStepStatus;

  @ApiProperty({
    enum: ONBOARDING_ACTIONS,
    enumName: 'OnboardingAction',
    nullable: true,
    description: 'What the customer must do next for this step; null once done',
  })
  action: OnboardingAction | null;

  @ApiProperty({
    enum: IDENTITY_STATUSES,
    enumName: 'IdentityStatus',
    nullable: true,
    description: 'identity_documents only',
  })
  identityStatus: IdentityStatus | null;

  @ApiProperty({
    type: String,
    nullable: true,
    description: 'identity_documents only: why the last document was rejected',
  })
  rejectionReason: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    example: '03-1234-5678',
    description: 'number_issued only: the number, once issued',
  })
  number: string | null;

  @ApiProperty({
    type: String,
    nullable: true,
    format: 'date-time',
    description: 'When it was done, if known',
  })
  doneAt: string | null;
}

/** R1.6: the customer's onboarding checklist, steps in order. */
export class OnboardingDto {
  @ApiProperty({ enum: ACCOUNT_STATES, enumName: 'AccountState' }) state: AccountState;

  @ApiProperty({ description: 'True once the number is issued (the account is past onboarding)' })
  complete: boolean;

  @ApiProperty({ type: [OnboardingStepDto] }) steps: OnboardingStepDto[];
}
