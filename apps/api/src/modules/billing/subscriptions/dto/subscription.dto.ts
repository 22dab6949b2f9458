import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength, ValidateBy } from 'class-validator';
import { isIsoDate, OPTION_CODES, PLAN_CODES, type OptionCode, type PlanCode } from '@bc/domain';
import { LocalizedNameDto } from '../../dto/catalogue.dto';
import { CardDto } from '../../payments/dto/card.dto';

const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
      defaultMessage: () => '$property must be a date written YYYY-MM-DD',
    },
  });

export const SUBSCRIPTION_STATES = ['not_started', 'active', 'cancellation_scheduled', 'ended'] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

export class PlanTermsDto {
  @ApiProperty({ enum: PLAN_CODES, enumName: 'PlanCode' }) code: PlanCode;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ example: 5500, description: 'Monthly fee, yen tax incl.' }) monthlyFee: number;
  @ApiProperty({ example: 40, description: 'Calls included each month' }) includedCalls: number;
  @ApiProperty({ example: 176, description: 'Each further call, yen tax incl.' }) perCallFee: number;
}

export class PendingPlanChangeDto {
  @ApiProperty({ type: PlanTermsDto, description: 'The new plan, at the prices in force when it starts' })
  plan: PlanTermsDto;
  @ApiProperty({ format: 'date', example: '2027-01-01' }) effectiveOn: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
}

export class CancellationDto {
  @ApiProperty({ format: 'date', example: '2027-02-28', description: "The contract's last day" })
  endsOn: string;
  @ApiProperty({ format: 'date-time' }) requestedAt: string;
  @ApiProperty({ enum: ['web', 'phone'] }) channel: 'web' | 'phone';
}

export class TakenOptionDto {
  @ApiProperty({ enum: OPTION_CODES, enumName: 'OptionCode' }) code: OptionCode;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ example: 2200, nullable: true, type: Number }) monthlyFee: number | null;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({
    enum: ['scheduled', 'active', 'ending'],
    description: 'scheduled: starts on startsOn; ending: runs to endsOn',
  })
  status: 'scheduled' | 'active' | 'ending';
}

export class AvailableOptionDto {
  @ApiProperty({ enum: OPTION_CODES, enumName: 'OptionCode' }) code: OptionCode;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ example: 2200 }) monthlyFee: number;
}

/** The dates a request asked now would get, so the app can show them before the customer confirms. */
export class SubscriptionDatesDto {
  @ApiProperty({ format: 'date', description: 'R2.5: a plan change asked now takes effect on' })
  planChangeEffectiveOn: string;
  @ApiProperty({
    format: 'date',
    nullable: true,
    type: String,
    description: 'R2.6: a cancellation asked now ends the contract on (null before the service starts)',
  })
  cancellationEndsOn: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'R2.6: end of the minimum term' })
  minimumTermEndsOn: string | null;
  @ApiProperty({ format: 'date', description: 'R2.7: an option asked now starts on' }) optionStartsOn: string;
  @ApiProperty({ format: 'date', description: 'A running option dropped now runs to' })
  optionDropEndsOn: string;
}

export class SubscriptionDto {
  @ApiProperty({ format: 'date', description: 'Today in Japan' }) today: string;
  @ApiProperty({ enum: SUBSCRIPTION_STATES, enumName: 'SubscriptionState' }) state: SubscriptionState;
  @ApiProperty({ format: 'date', nullable: true, type: String, description: 'The day the number was issued' })
  serviceStartedOn: string | null;
  @ApiProperty({ type: PlanTermsDto, nullable: true, description: 'The plan in force today' })
  plan: PlanTermsDto | null;
  @ApiProperty({
    enum: PLAN_CODES,
    enumName: 'PlanCode',
    description: 'Before the number is issued: the plan the service will start with',
  })
  planChoice: PlanCode;
  @ApiProperty({ type: [PlanTermsDto], description: 'The plans of the catalogue in force today' })
  plans: PlanTermsDto[];
  @ApiProperty({ type: PendingPlanChangeDto, nullable: true }) pendingChange: PendingPlanChangeDto | null;
  @ApiProperty({ type: CancellationDto, nullable: true }) cancellation: CancellationDto | null;
  @ApiProperty({ type: [TakenOptionDto] }) options: TakenOptionDto[];
  @ApiProperty({ type: [AvailableOptionDto] }) availableOptions: AvailableOptionDto[];
  @ApiProperty({ type: SubscriptionDatesDto }) dates: SubscriptionDatesDto;
  @ApiProperty({ type: CardDto, nullable: true }) card: CardDto | null;
}

export class PlanChoiceDto {
  @ApiProperty({ enum: PLAN_CODES, enumName: 'PlanCode' })
  @IsIn(PLAN_CODES)
  planCode: PlanCode;
}

export class RequestPlanChangeDto {
  @ApiProperty({ enum: PLAN_CODES, enumName: 'PlanCode' })
  @IsIn(PLAN_CODES)
  planCode: PlanCode;

  @ApiPropertyOptional({
    example: '2027-01',
    description:
      'The month the new plan starts (YYYY-MM). Default and earliest: the month dates.planChangeEffectiveOn falls in.',
  })
  @IsOptional()
  @IsString()
  @Matches(/^\d{4}-(0[1-9]|1[0-2])$/, { message: 'effectiveMonth must be written YYYY-MM' })
  effectiveMonth?: string;
}

export class RequestCancellationDto {
  @ApiPropertyOptional({
    format: 'date',
    description: "The contract's last day (a month end). Default and earliest: dates.cancellationEndsOn.",
  })
  @IsOptional()
  @IsCalendarDate()
  endsOn?: string;
}

export class RecordPhoneCancellationDto extends RequestCancellationDto {
  @ApiPropertyOptional({ maxLength: 1000, description: 'What the customer said on the phone' })
  @IsOptional()
  @IsString()
  @MaxLength(1000)
  note?: string;
}

export class OptionRequestDto {
  @ApiProperty({ enum: OPTION_CODES, enumName: 'OptionCode' })
  @IsIn(OPTION_CODES)
  optionCode: OptionCode;
}

// ---- staff (console): the whole history, read-only

export class PlanRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: PLAN_CODES, enumName: 'PlanCode' }) planCode: PlanCode;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class OptionRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: OPTION_CODES, enumName: 'OptionCode' }) optionCode: OptionCode;
  @ApiProperty({ format: 'date' }) startsOn: string;
  @ApiProperty({ format: 'date', nullable: true, type: String }) endsOn: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CancellationRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date' }) endsOn: string;
  @ApiProperty({ format: 'date-time' }) askedAt: string;
  @ApiProperty({ enum: ['web', 'phone'] }) channel: 'web' | 'phone';
  @ApiProperty({ nullable: true, type: String }) note: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) withdrawnAt: string | null;
}

export class AdminSubscriptionDto {
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ enum: SUBSCRIPTION_STATES, enumName: 'SubscriptionState' }) state: SubscriptionState;
  @ApiProperty({ enum: PLAN_CODES, enumName: 'PlanCode' }) planChoice: PlanCode;
  @ApiProperty({ type: [PlanRowDto] }) plans: PlanRowDto[];
  @ApiProperty({ type: [OptionRowDto] }) options: OptionRowDto[];
  @ApiProperty({ type: PlanRowDto, nullable: true }) pendingChange: PlanRowDto | null;
  @ApiProperty({ type: [CancellationRowDto], description: 'Newest first, withdrawn ones too' })
  cancellations: CancellationRowDto[];
  @ApiProperty({ type: SubscriptionDatesDto }) dates: SubscriptionDatesDto;
}

// ---- usage meter (R8.6)

export class PlanSuggestionDto {
  @ApiProperty({ enum: PLAN_CODES, enumName: 'PlanCode' }) planCode: PlanCode;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ type: [String], example: ['2026-08', '2026-09', '2026-10'] }) months: string[];
  @ApiProperty({ description: 'What the months cost on the current plan, yen' }) currentPlanTotal: number;
  @ApiProperty({ description: 'What they would have cost on the other plan, yen' }) otherPlanTotal: number;
  @ApiProperty({ description: 'currentPlanTotal − otherPlanTotal' }) saving: number;
  @ApiProperty({ format: 'date', description: 'A change asked now takes effect on' }) effectiveOn: string;
}

export class BillingUsageDto {
  @ApiProperty({ example: '2026-11', description: 'The calendar month in Japan time' }) month: string;
  @ApiProperty({ format: 'date' }) today: string;
  @ApiProperty({ enum: PLAN_CODES, enumName: 'PlanCode', nullable: true, type: String })
  planCode: PlanCode | null;
  @ApiProperty({ type: LocalizedNameDto, nullable: true }) planName: LocalizedNameDto | null;
  @ApiProperty({ description: 'Counted calls so far this month (R2.2)' }) countedCalls: number;
  @ApiProperty({ nullable: true, type: Number, description: "The plan's allowance; null before the service" })
  includedCalls: number | null;
  @ApiProperty() overageCalls: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Each further call, yen tax incl.' })
  perCallFee: number | null;
  @ApiProperty({ description: 'overageCalls × perCallFee, yen' }) overageFee: number;
  @ApiProperty({ description: "The plan's monthly fee, yen" }) monthlyFee: number;
  @ApiProperty({ description: "This month's options, yen" }) optionsFee: number;
  @ApiProperty({ description: 'monthlyFee + optionsFee + overageFee, with the calls counted so far' })
  projectedBill: number;
  @ApiProperty({ description: 'Counted calls by the month end at the pace so far' })
  projectedCallsAtMonthEnd: number;
  @ApiProperty({ description: 'The bill at that pace' }) projectedBillAtMonthEnd: number;
  @ApiProperty({
    type: PlanSuggestionDto,
    nullable: true,
    description: 'Until the 25th: the other plan, when it would have been cheaper over the last 3 months',
  })
  suggestion: PlanSuggestionDto | null;
}

/** R2.2, R8.6: a call an operator answered, counted whether or not an inquiry was saved for it. */
export class CountedCallDto {
  @ApiProperty({ format: 'uuid' }) callId: string;
  @ApiProperty({ format: 'date-time', description: 'When the call began (it counts in that Japan month)' })
  receivedAt: string;
  @ApiProperty({ format: 'date-time' }) answeredAt: string;
  @ApiProperty({ type: String, nullable: true, example: '090-1234-5678', description: 'Null when withheld' })
  callerNumberDisplay: string | null;
  @ApiProperty({
    type: String,
    nullable: true,
    format: 'uuid',
    description: 'Null until the inquiry is saved',
  })
  inquiryId: string | null;
  @ApiProperty({ type: String, nullable: true, description: "The inquiry's caller name; null without one" })
  callerName: string | null;
}

export class CountedCallsDto {
  @ApiProperty({ example: '2026-11' }) month: string;
  @ApiProperty({ type: [CountedCallDto], description: 'Newest first' }) items: CountedCallDto[];
}
