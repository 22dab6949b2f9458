import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** R4.9: a caller number a customer refuses; such calls hear a short message and reach no one. */
@Entity('caller_blocks')
export class CallerBlock {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'varchar', length: 16 })
  e164: string;

  @Column({ type: 'varchar', length: 200, nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;
}
