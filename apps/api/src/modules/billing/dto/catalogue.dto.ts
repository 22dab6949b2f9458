import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import {
  CATALOGUE_ITEM_CODES,
  CATALOGUE_ITEM_KINDS,
  isIsoDate,
  MONTH_LENGTHS,
  OPTION_CODES,
  PLAN_CODES,
  type CatalogueItemCode,
  type CatalogueItemKind,
  type MonthLength,
  type OptionCode,
  type PlanCode,
} from '@bc/domain';

/** A real calendar date written 'YYYY-MM-DD'. */
const IsCalendarDate = () =>
  ValidateBy({
    name: 'isCalendarDate',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && isIsoDate(value),
      defaultMessage: () => '$property must be a date written YYYY-MM-DD',
    },
  });

const MAX_YEN = 10_000_000;

export class LocalizedNameDto {
  @ApiProperty({ example: 'スタンダード' }) ja: string;
  @ApiProperty({ example: 'Standard' }) en: string;
}

export class DailyRateDto {
  @ApiProperty({ enum: MONTH_LENGTHS, example: 30 }) daysInMonth: MonthLength;
  @ApiProperty({ example: 183, description: 'floor(monthly fee ÷ days in month), yen tax incl.' })
  dailyRate: number;
}

export class CataloguePlanDto {
  @ApiProperty({ enum: PLAN_CODES, enumName: 'PlanCode' }) code: PlanCode;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ example: 5500, description: 'Monthly fee, yen tax incl.' }) monthlyFee: number;
  @ApiProperty({ example: 40, description: 'Calls included each month' }) includedCalls: number;
  @ApiProperty({ example: 176, description: 'Each further call, yen tax incl.' }) perCallFee: number;
  @ApiProperty({ example: 160, description: 'Each further call, yen tax excl.' })
  perCallFeeTaxExcluded: number;
  @ApiProperty({ example: 10 }) taxRatePercent: number;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) effectiveFrom: string;
  @ApiProperty({ type: [DailyRateDto], description: 'R2.3: the pro-rata daily rates of the first month' })
  dailyRates: DailyRateDto[];
}

export class CatalogueOptionDto {
  @ApiProperty({ enum: OPTION_CODES, enumName: 'OptionCode' }) code: OptionCode;
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ example: 2200, description: 'Monthly fee, yen tax incl.' }) monthlyFee: number;
  @ApiProperty({ example: 10 }) taxRatePercent: number;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) effectiveFrom: string;
}

export class CatalogueFeeDto {
  @ApiProperty({ type: LocalizedNameDto }) name: LocalizedNameDto;
  @ApiProperty({ example: 5500, description: 'Yen tax incl., charged once' }) amount: number;
  @ApiProperty({ example: 10 }) taxRatePercent: number;
  @ApiProperty({ format: 'date', example: '2026-01-01' }) effectiveFrom: string;
}

export class SupportDto {
  @ApiProperty({ example: '0120-935-372' }) phone: string;
  @ApiProperty({ enum: ['every_day'], example: 'every_day' }) days: 'every_day';
  @ApiProperty({ example: '10:00' }) opensAt: string;
  @ApiProperty({ example: '19:00' }) closesAt: string;
  @ApiProperty({ example: 'Asia/Tokyo' }) timeZone: string;
}

export class CatalogueDto {
  @ApiProperty({ format: 'date', description: 'The Japan date the prices are in force on' }) asOf: string;
  @ApiProperty({ enum: ['JPY'] }) currency: 'JPY';
  @ApiProperty({ type: [CataloguePlanDto] }) plans: CataloguePlanDto[];
  @ApiProperty({ type: [CatalogueOptionDto] }) options: CatalogueOptionDto[];
  @ApiProperty({ type: CatalogueFeeDto, nullable: true }) initialFee: CatalogueFeeDto | null;
  @ApiProperty({ type: SupportDto }) support: SupportDto;
}

export const PRICE_STATUSES = ['past', 'current', 'scheduled'] as const;
export type PriceStatus = (typeof PRICE_STATUSES)[number];

export class PriceRowDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ enum: CATALOGUE_ITEM_CODES, enumName: 'CatalogueItemCode' }) itemCode: CatalogueItemCode;
  @ApiProperty({ enum: CATALOGUE_ITEM_KINDS, enumName: 'CatalogueItemKind' }) itemKind: CatalogueItemKind;
  @ApiProperty({ format: 'date' }) effectiveFrom: string;
  @ApiProperty({ description: 'Yen tax incl. (monthly for plans and options)' }) amount: number;
  @ApiProperty({ type: Number, nullable: true }) includedCalls: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Yen tax incl.' }) perCallFee: number | null;
  @ApiProperty() taxRatePercent: number;
  @ApiProperty({
    enum: PRICE_STATUSES,
    enumName: 'PriceStatus',
    description: 'Superseded, in force today, or from a future date',
  })
  status: PriceStatus;
  @ApiProperty({ type: String, nullable: true, format: 'uuid' }) createdBy: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class PriceHistoryDto {
  @ApiProperty({ format: 'date', description: 'Today, in Japan' }) today: string;
  @ApiProperty({ type: [PriceRowDto] }) items: PriceRowDto[];
}

export class CreatePriceDto {
  @ApiProperty({ enum: CATALOGUE_ITEM_CODES, enumName: 'CatalogueItemCode' })
  @IsIn(CATALOGUE_ITEM_CODES)
  itemCode: CatalogueItemCode;

  @ApiProperty({ format: 'date', example: '2027-04-01', description: 'A Japan date after today' })
  @IsCalendarDate()
  effectiveFrom: string;

  @ApiProperty({ example: 6050, minimum: 0, maximum: MAX_YEN, description: 'Yen tax incl.' })
  @Max(MAX_YEN)
  @Min(0)
  @IsInt()
  amount: number;

  @ApiPropertyOptional({ example: 40, minimum: 0, description: 'Plans only (required for a plan)' })
  @IsOptional()
  @Max(100_000)
  @Min(0)
  @IsInt()
  includedCalls?: number;

  @ApiPropertyOptional({
    example: 176,
    minimum: 0,
    description: 'Plans only (required for a plan), yen tax incl.',
  })
  @IsOptional()
  @Max(MAX_YEN)
  @Min(0)
  @IsInt()
  perCallFee?: number;

  @ApiPropertyOptional({
    example: 10,
    minimum: 0,
    maximum: 100,
    default: 10,
    description: 'Only 10 is accepted for now (TAX_RATE_NOT_SUPPORTED otherwise)',
  })
  @IsOptional()
  @Max(100)
  @Min(0)
  @IsInt()
  taxRatePercent?: number;
}
