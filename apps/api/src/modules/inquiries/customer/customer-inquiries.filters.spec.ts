import type { OutboxRepository } from '../../../outbox/outbox.repository';
import type { AccountsService } from '../../accounts/accounts.service';
import type { ApiKeysService } from '../../accounts/team/api-keys.service';
import type { AuthUser } from '../../../common/auth/auth-user';
import { TOKEN_AUDIENCE } from '../../../common/auth/auth-user';
import { DomainError } from '../../../common/errors/domain-error';
import type { DatabaseService } from '../../../database/database.service';
import { escapeLike, type CustomerInquiriesRepository } from './customer-inquiries.repository';
import { CustomerInquiriesService } from './customer-inquiries.service';
import type { CallbackAttemptsRepository } from './callback-attempts.repository';

const user: AuthUser = {
  userId: '11111111-1111-4111-8111-111111111111',
  accountId: '22222222-2222-4222-8222-222222222222',
  role: 'owner',
  audience: TOKEN_AUDIENCE.customer,
};
// toFilter is pure: none of the collaborators is called.
const service = new CustomerInquiriesService(
  {} as CustomerInquiriesRepository,
  {} as DatabaseService,
  {} as AccountsService,
  {} as ApiKeysService,
  {} as CallbackAttemptsRepository,
  {} as OutboxRepository,
);

describe('the list filters', () => {
  it('turns Japan-time days into an inclusive-exclusive UTC range', () => {
    const filter = service.toFilter({ from: '2026-11-01', to: '2026-11-30' }, user);
    expect(filter.receivedFrom?.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(filter.receivedBefore?.toISOString()).toBe('2026-11-30T15:00:00.000Z');
  });

  it('refuses days that do not exist and a reversed range, naming the field', () => {
    const pointers = (query: Record<string, string>) => {
      try {
        service.toFilter(query, user);
        return [];
      } catch (err) {
        expect(err).toBeInstanceOf(DomainError);
        return ((err as DomainError).options.fieldErrors ?? []).map((e) => e.pointer);
      }
    };
    expect(pointers({ from: '2026-02-29' })).toEqual(['/query/from']);
    expect(pointers({ to: '2026-04-31' })).toEqual(['/query/to']);
    expect(pointers({ from: '2026-11-02', to: '2026-11-01' })).toEqual(['/query/to']);
    expect(pointers({ from: '2028-02-29', to: '2028-02-29' })).toEqual([]);
  });

  it('normalises the search like the stored text (NFKC, lower case)', () => {
    expect(service.toFilter({ q: '０３－ＡＢＣ' }, user).search).toBe('03-abc');
    expect(service.toFilter({ q: 'ｶﾀﾛｸﾞ' }, user).search).toBe('カタログ');
  });

  it('maps call back and the assignee', () => {
    expect(service.toFilter({ callback: 'required' }, user).callbackRequired).toBe(true);
    expect(service.toFilter({ callback: 'not_required' }, user).callbackRequired).toBe(false);
    expect(service.toFilter({}, user).callbackRequired).toBeUndefined();
    expect(service.toFilter({ assignee: 'me' }, user).assigneeUserId).toBe(user.userId);
    expect(service.toFilter({ assignee: 'unassigned' }, user).assigneeUserId).toBeNull();
    expect(() => service.toFilter({ assignee: 'me' }, { ...user, apiKeyId: 'k' })).toThrow(DomainError);
  });
});

describe('escapeLike', () => {
  it('makes %, _ and \\ match themselves', () => {
    expect(escapeLike('100%_a\\b')).toBe('100\\%\\_a\\\\b');
    expect(escapeLike('普通')).toBe('普通');
  });
});
