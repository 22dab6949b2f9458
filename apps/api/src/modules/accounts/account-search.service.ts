import { Injectable } from '@nestjs/common';
import type { AccountState } from '@bc/domain';
import { decodeCursor, encodeCursor } from '../../common/pagination/page-query.dto';
import { DomainError } from '../../common/errors/domain-error';
import { parseJapaneseNumber } from '../../common/phone/japanese-phone';
import { AccountHistoryService } from './account-history.service';
import { toAccountSearchItem, toAdminAccount } from './account.mapper';
import { AccountsRepository } from './accounts.repository';
import type { AccountSearchPageDto, AdminAccountDto } from './dto/admin-account.dto';
import { UsersRepository } from './users.repository';

/** Staff (console): finding an account, and its page (details, onboarding facts, users, history). */
@Injectable()
export class AccountSearchService {
  constructor(
    private readonly accounts: AccountsRepository,
    private readonly users: UsersRepository,
    private readonly history: AccountHistoryService,
  ) {}

  /**
   * Staff search: by state and/or a text matched against the name, company name, the users'
   * e-mail addresses and the issued number (whatever notation the text is in). Newest first.
   */
  async searchAccounts(query: {
    limit: number;
    cursor?: string;
    state?: AccountState;
    q?: string;
  }): Promise<AccountSearchPageDto> {
    const after = decodeCursor(query.cursor, 2);
    const afterId = after ? String(after[1]) : null;
    if (afterId !== null && !UUID.test(afterId)) {
      throw new DomainError('VALIDATION_FAILED', 'The cursor is not valid.', {
        fieldErrors: [
          {
            pointer: '/query/cursor',
            code: 'INVALID_CURSOR',
            message: 'cursor is not one this API gave out',
          },
        ],
      });
    }
    const q = query.q?.trim() || undefined;
    const rows = await this.accounts.searchPage(query.limit + 1, afterId, {
      state: query.state,
      ...(q ? { text: q, ...numberSearchOf(q) } : {}),
    });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toAccountSearchItem),
      nextCursor:
        rows.length > query.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
    };
  }

  /** The console's account page: details, onboarding facts, users and history (newest first). */
  async getAdminAccount(accountId: string): Promise<AdminAccountDto> {
    const account = await this.accounts.findById(accountId);
    if (!account) throw new DomainError('NOT_FOUND', 'There is no such account.');
    const [users, history] = await Promise.all([
      this.users.listByAccount(accountId),
      this.history.list(accountId),
    ]);
    const unnamed = [
      ...new Set(
        history.filter((h) => !h.actorName && h.actorId && h.actorKind !== 'api_key').map((h) => h.actorId!),
      ),
    ];
    const names = await this.users.namesByIds(unnamed);
    return toAdminAccount(account, users, history, names);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * How a search text may name an issued number: exactly (any notation libphonenumber reads as a
 * Japanese number: 03-1234-5678, 0312345678, +81312345678) or as a run of at least 4 of its
 * national digits (1234-5678), matched inside the stored E.164.
 */
export function numberSearchOf(q: string): { e164?: string; digits?: string } {
  const out: { e164?: string; digits?: string } = {};
  const parsed = parseJapaneseNumber(q);
  if (parsed) out.e164 = parsed.e164;
  if (/^\+?[\d\s\-()]+$/.test(q)) {
    let digits = q.replace(/\D/g, '');
    if (q.startsWith('+81')) digits = digits.slice(2);
    else if (digits.startsWith('0')) digits = digits.slice(1);
    if (digits.length >= 4) out.digits = digits;
  }
  return out;
}
