import { dailyRateTable, taxExcluded, type OptionCode, type PlanCode } from '@bc/domain';
import type { CatalogueItem } from './catalogue-item.entity';
import type { CataloguePrice } from './catalogue-price.entity';
import type {
  CatalogueFeeDto,
  CatalogueOptionDto,
  CataloguePlanDto,
  LocalizedNameDto,
  PriceRowDto,
  PriceStatus,
} from './dto/catalogue.dto';

const nameOf = (item: CatalogueItem): LocalizedNameDto => ({ ja: item.nameJa, en: item.nameEn });

export function toPlan(item: CatalogueItem, price: CataloguePrice): CataloguePlanDto {
  const perCallFee = price.perCallFee ?? 0;
  return {
    code: item.code as PlanCode,
    name: nameOf(item),
    monthlyFee: price.amount,
    includedCalls: price.includedCalls ?? 0,
    perCallFee,
    perCallFeeTaxExcluded: taxExcluded(perCallFee, price.taxRatePercent),
    taxRatePercent: price.taxRatePercent,
    effectiveFrom: price.effectiveFrom,
    dailyRates: dailyRateTable(price.amount),
  };
}

export function toOption(item: CatalogueItem, price: CataloguePrice): CatalogueOptionDto {
  return {
    code: item.code as OptionCode,
    name: nameOf(item),
    monthlyFee: price.amount,
    taxRatePercent: price.taxRatePercent,
    effectiveFrom: price.effectiveFrom,
  };
}

export function toFee(item: CatalogueItem, price: CataloguePrice): CatalogueFeeDto {
  return {
    name: nameOf(item),
    amount: price.amount,
    taxRatePercent: price.taxRatePercent,
    effectiveFrom: price.effectiveFrom,
  };
}

export function toPriceRow(
  price: CataloguePrice,
  item: Pick<CatalogueItem, 'kind'>,
  status: PriceStatus,
): PriceRowDto {
  return {
    id: price.id,
    itemCode: price.itemCode,
    itemKind: item.kind,
    effectiveFrom: price.effectiveFrom,
    amount: price.amount,
    includedCalls: price.includedCalls,
    perCallFee: price.perCallFee,
    taxRatePercent: price.taxRatePercent,
    status,
    createdBy: price.createdBy,
    createdAt: price.createdAt.toISOString(),
  };
}
