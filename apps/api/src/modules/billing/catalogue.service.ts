import { Injectable } from '@nestjs/common';
import { STANDARD_TAX_RATE_PERCENT, tokyoDate } from '@bc/domain';
import { DomainError, type FieldError } from '../../common/errors/domain-error';
import type { CatalogueItem } from './catalogue-item.entity';
import type { CataloguePrice } from './catalogue-price.entity';
import { toFee, toOption, toPlan, toPriceRow } from './catalogue.mapper';
import { CatalogueRepository } from './catalogue.repository';
import { Clock } from './clock';
import type {
  CatalogueDto,
  CreatePriceDto,
  PriceHistoryDto,
  PriceRowDto,
  SupportDto,
} from './dto/catalogue.dto';
import { SUPPORT_CONTACT } from './support.constants';

const UNIQUE_VIOLATION = '23505';

/** The 1st of the month after a Japan date 'YYYY-MM-DD'. */
function firstOfNextMonth(date: string): string {
  const [y, m] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m, 1)).toISOString().slice(0, 10);
}

/**
 * R2.1: the catalogue of plans, options and fees, with prices versioned by effective date. Staff
 * add prices for future dates only, so what a customer was charged in the past never changes.
 */
@Injectable()
export class CatalogueService {
  constructor(
    private readonly repo: CatalogueRepository,
    private readonly clock: Clock,
  ) {}

  /** Today in Japan: the day prices are looked up for. */
  today(): string {
    return tokyoDate(this.clock.now());
  }

  /** The prices in force today (Japan date). */
  current(): Promise<CatalogueDto> {
    return this.on(this.today());
  }

  /** The prices in force on a Japan date ('YYYY-MM-DD'). Items without a price yet are left out. */
  async on(date: string): Promise<CatalogueDto> {
    const [items, prices] = await Promise.all([this.repo.findItems(), this.repo.findPricesInForce(date)]);
    const priceOf = new Map(prices.map((p) => [p.itemCode, p]));
    const priced = items.flatMap((item) => {
      const price = priceOf.get(item.code);
      return price ? [{ item, price }] : [];
    });
    const fee = priced.find(({ item }) => item.code === 'initial_fee');
    return {
      asOf: date,
      currency: 'JPY',
      plans: priced.filter(({ item }) => item.kind === 'plan').map(({ item, price }) => toPlan(item, price)),
      options: priced
        .filter(({ item }) => item.kind === 'option')
        .map(({ item, price }) => toOption(item, price)),
      initialFee: fee ? toFee(fee.item, fee.price) : null,
      support: this.support(),
    };
  }

  /** R7.1: the support line (a constant of this module for now). */
  support(): SupportDto {
    return { ...SUPPORT_CONTACT };
  }

  /** Staff: every price row, marked past / current / scheduled relative to today. */
  async history(): Promise<PriceHistoryDto> {
    const today = this.today();
    const [items, rows, inForce] = await Promise.all([
      this.repo.findItems(),
      this.repo.listPrices(),
      this.repo.findPricesInForce(today),
    ]);
    const kindOf = new Map(items.map((i) => [i.code, i]));
    const currentIds = new Set(inForce.map((p) => p.id));
    return {
      today,
      items: rows.map((row) =>
        toPriceRow(
          row,
          kindOf.get(row.itemCode) ?? { kind: 'fee' },
          currentIds.has(row.id) ? 'current' : row.effectiveFrom > today ? 'scheduled' : 'past',
        ),
      ),
    };
  }

  /** Staff (admin): a new price for an item, in force from a future Japan date. */
  async addPrice(dto: CreatePriceDto, staffUserId: string): Promise<PriceRowDto> {
    const today = this.today();
    if (dto.effectiveFrom <= today) {
      throw new DomainError('PRICE_NOT_IN_FUTURE', `A price must start after today (${today}, Japan time).`, {
        fieldErrors: [
          {
            pointer: '/body/effectiveFrom',
            code: 'PRICE_NOT_IN_FUTURE',
            message: `effectiveFrom must be after ${today}`,
          },
        ],
      });
    }
    // R2.4 [decided]: a price takes effect on the 1st of a month only, so each month (its fee and
    // all its calls) has one price
    if (!dto.effectiveFrom.endsWith('-01')) {
      throw new DomainError(
        'PRICE_NOT_FIRST_OF_MONTH',
        `A price can only take effect on the 1st of a month (asked: ${dto.effectiveFrom}; next possible: ${firstOfNextMonth(today)}).`,
        {
          fieldErrors: [
            {
              pointer: '/body/effectiveFrom',
              code: 'PRICE_NOT_FIRST_OF_MONTH',
              message: 'effectiveFrom must be the 1st of a month',
            },
          ],
        },
      );
    }
    this.assertTaxRateSupported(dto.taxRatePercent);
    const item = await this.repo.findItem(dto.itemCode);
    if (!item) throw new DomainError('NOT_FOUND', `There is no catalogue item ${dto.itemCode}.`);
    this.assertFieldsFit(item, dto);
    if (await this.repo.existsOn(dto.itemCode, dto.effectiveFrom)) throw this.duplicate(dto);
    let row: CataloguePrice;
    try {
      row = await this.repo.insertPrice({
        itemCode: dto.itemCode,
        effectiveFrom: dto.effectiveFrom,
        amount: dto.amount,
        includedCalls: item.kind === 'plan' ? (dto.includedCalls ?? null) : null,
        perCallFee: item.kind === 'plan' ? (dto.perCallFee ?? null) : null,
        taxRatePercent: dto.taxRatePercent ?? STANDARD_TAX_RATE_PERCENT,
        createdBy: staffUserId,
      });
    } catch (err) {
      // Two admins adding the same date at once: the unique index decides.
      if ((err as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw this.duplicate(dto);
      }
      throw err;
    }
    return toPriceRow(row, item, 'scheduled');
  }

  /**
   * R2.8 [decided]: 10% only, until an invoice can carry several rates (the run would then have to
   * print, and the customer reconcile, a total and a tax per rate).
   */
  private assertTaxRateSupported(rate: number | undefined): void {
    if (rate === undefined || rate === STANDARD_TAX_RATE_PERCENT) return;
    throw new DomainError(
      'TAX_RATE_NOT_SUPPORTED',
      `Only the ${STANDARD_TAX_RATE_PERCENT}% consumption tax rate can be set (asked: ${rate}%).`,
      {
        fieldErrors: [
          {
            pointer: '/body/taxRatePercent',
            code: 'TAX_RATE_NOT_SUPPORTED',
            message: `taxRatePercent must be ${STANDARD_TAX_RATE_PERCENT}`,
          },
        ],
      },
    );
  }

  /** A plan price needs its call allowance and per-call fee; other items must not have them. */
  private assertFieldsFit(item: CatalogueItem, dto: CreatePriceDto): void {
    const issues: FieldError[] = [];
    for (const field of ['includedCalls', 'perCallFee'] as const) {
      const given = dto[field] !== undefined && dto[field] !== null;
      if (item.kind === 'plan' && !given) {
        issues.push({
          pointer: `/body/${field}`,
          code: 'PRICE_FIELDS_INVALID',
          message: `${field} is required for a plan`,
        });
      } else if (item.kind !== 'plan' && given) {
        issues.push({
          pointer: `/body/${field}`,
          code: 'PRICE_FIELDS_INVALID',
          message: `${field} is only for plans`,
        });
      }
    }
    if (issues.length > 0) {
      throw new DomainError('PRICE_FIELDS_INVALID', `The price does not fit the ${item.kind} ${item.code}.`, {
        fieldErrors: issues,
      });
    }
  }

  private duplicate(dto: CreatePriceDto): DomainError {
    return new DomainError(
      'PRICE_ALREADY_SCHEDULED',
      `${dto.itemCode} already has a price from ${dto.effectiveFrom}.`,
      {
        fieldErrors: [
          {
            pointer: '/body/effectiveFrom',
            code: 'PRICE_ALREADY_SCHEDULED',
            message: 'this item already has a price from that date',
          },
        ],
      },
    );
  }
}
