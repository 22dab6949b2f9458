import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
} from 'typeorm';

export type ChatworkLinkStatus = 'linked' | 'broken';

/** R6.2: one account's link to a Chatwork user and the room notifications go to. Tokens are sealed. */
@Entity('chatwork_links')
export class ChatworkLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', unique: true })
  accountId: string;

  /** bigint: TypeORM reads it as a string. */
  @Column({ type: 'bigint' })
  chatworkAccountId: string;

  @Column({ type: 'varchar', length: 200 })
  chatworkName: string;

  @Column({ type: 'bigint', nullable: true })
  roomId: string | null;

  @Column({ type: 'varchar', length: 255, nullable: true })
  roomName: string | null;

  @Column({ type: 'text', select: false })
  accessTokenEncrypted: string;

  @Column({ type: 'text', select: false })
  refreshTokenEncrypted: string;

  @Column({ type: 'timestamptz' })
  accessTokenExpiresAt: Date;

  @Column({ type: 'varchar', length: 10, default: 'linked' })
  status: ChatworkLinkStatus;

  @Column({ type: 'varchar', length: 500, nullable: true })
  brokenReason: string | null;

  @Column({ type: 'uuid', nullable: true })
  linkedBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A pending consent (10 minutes, single use). Only the state's SHA-256 is stored. */
@Entity('chatwork_oauth_states')
export class ChatworkOAuthState {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  stateHash: string;

  @Column({ type: 'text' })
  codeVerifierEncrypted: string;

  @Column({ type: 'uuid' })
  accountId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
