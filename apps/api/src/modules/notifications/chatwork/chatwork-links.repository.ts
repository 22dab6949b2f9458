import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DatabaseService } from '../../../database/database.service';
import { ChatworkLink, ChatworkOAuthState } from './chatwork-link.entity';

export interface SealedTokens {
  accessTokenEncrypted: string;
  refreshTokenEncrypted: string;
}

@Injectable()
export class ChatworkLinksRepository {
  constructor(readonly db: DatabaseService) {}

  links(em?: EntityManager) {
    return this.db.repository(ChatworkLink, em);
  }

  states(em?: EntityManager) {
    return this.db.repository(ChatworkOAuthState, em);
  }

  find(accountId: string, em?: EntityManager): Promise<ChatworkLink | null> {
    return this.links(em).findOne({ where: { accountId } });
  }

  /** The sealed tokens, which normal reads never select. */
  async sealed(id: string): Promise<SealedTokens | null> {
    const row = await this.links()
      .createQueryBuilder('l')
      .select('l.accessTokenEncrypted', 'accessTokenEncrypted')
      .addSelect('l.refreshTokenEncrypted', 'refreshTokenEncrypted')
      .where('l.id = :id', { id })
      .getRawOne<SealedTokens>();
    return row ?? null;
  }
}
