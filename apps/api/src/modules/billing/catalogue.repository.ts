import { Injectable } from '@nestjs/common';
import type { CatalogueItemCode } from '@bc/domain';
import { DatabaseService } from '../../database/database.service';
import { CatalogueItem } from './catalogue-item.entity';
import { CataloguePrice } from './catalogue-price.entity';

export type NewPrice = Pick<
  CataloguePrice,
  'itemCode' | 'effectiveFrom' | 'amount' | 'includedCalls' | 'perCallFee' | 'taxRatePercent' | 'createdBy'
>;

@Injectable()
export class CatalogueRepository {
  constructor(private readonly db: DatabaseService) {}

  findItems(): Promise<CatalogueItem[]> {
    return this.db.repository(CatalogueItem).find({ order: { sortOrder: 'ASC' } });
  }

  findItem(code: CatalogueItemCode): Promise<CatalogueItem | null> {
    return this.db.repository(CatalogueItem).findOneBy({ code });
  }

  /** For each item, the row in force on `date`: the latest one effective on or before it. */
  findPricesInForce(date: string): Promise<CataloguePrice[]> {
    return this.db
      .repository(CataloguePrice)
      .createQueryBuilder('p')
      .distinctOn(['p.item_code'])
      .where('p.effective_from <= :date', { date })
      .orderBy('p.item_code')
      .addOrderBy('p.effective_from', 'DESC')
      .getMany();
  }

  /** Every row ever added, item by item, oldest first. */
  listPrices(): Promise<CataloguePrice[]> {
    return this.db
      .repository(CataloguePrice)
      .createQueryBuilder('p')
      .innerJoin(CatalogueItem, 'i', 'i.code = p.item_code')
      .orderBy('i.sort_order')
      .addOrderBy('p.effective_from')
      .getMany();
  }

  existsOn(itemCode: CatalogueItemCode, effectiveFrom: string): Promise<boolean> {
    return this.db.repository(CataloguePrice).existsBy({ itemCode, effectiveFrom });
  }

  insertPrice(input: NewPrice): Promise<CataloguePrice> {
    const repo = this.db.repository(CataloguePrice);
    return repo.save(repo.create(input));
  }
}
