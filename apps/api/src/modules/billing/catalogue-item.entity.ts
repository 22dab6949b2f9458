import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { CatalogueItemCode, CatalogueItemKind } from '@bc/domain';

/** Something the catalogue prices: a plan, an option or a one-off fee (R2.1, R2.7). */
@Entity('catalogue_items')
export class CatalogueItem {
  @PrimaryColumn({ type: 'varchar', length: 40 })
  code: CatalogueItemCode;

  @Column({ type: 'varchar', length: 10 })
  kind: CatalogueItemKind;

  @Column({ type: 'varchar', length: 100 })
  nameJa: string;

  @Column({ type: 'varchar', length: 100 })
  nameEn: string;

  @Column({ type: 'smallint' })
  sortOrder: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
