import { Injectable } from '@nestjs/common';
import { DomainError, type FieldError } from '../../../common/errors/domain-error';
import { AccountsService } from '../../accounts/accounts.service';
import type { DeliveryChannel } from '../deliveries/notification-delivery.entity';
import { NotificationEmailsService } from '../recipients/notification-emails.service';
import { routeInquiry, type RoutedInquiry, type RoutingRule } from './route-inquiry';
import type { RoutingRuleRow } from './routing-rule.entity';
import type {
  ReorderRoutingRulesDto,
  RoutingRuleDto,
  RoutingRuleInputDto,
  RoutingRulesDto,
} from './routing-rules.dto';
import { RoutingRulesRepository, type RuleFields } from './routing-rules.repository';

/** How many routing rules one account may have. */
export const MAX_ROUTING_RULES = 20;

/** What the fan-out needs: the channels that hear of the inquiry and the e-mail addresses. */
export interface InquiryRoute {
  ruleId: string | null;
  channels: ReadonlySet<DeliveryChannel>;
  emails: string[];
}

function toDto(row: RoutingRuleRow, index: number): RoutingRuleDto {
  return {
    id: row.id,
    priority: index + 1,
    name: row.name,
    forWhomContains: row.forWhomContains,
    callbackRequired: row.callbackRequired,
    urgent: row.urgent,
    categories: row.categories,
    channels: row.channels,
    emailAddressIds: row.emailAddressIds,
    memberIds: row.memberIds,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/**
 * R8.3: an account's routing rules, in priority order (owners edit, everyone reads), and the
 * routing of a new inquiry with them (the first matching rule decides; none = everyone).
 */
@Injectable()
export class RoutingRulesService {
  constructor(
    private readonly rules: RoutingRulesRepository,
    private readonly recipients: NotificationEmailsService,
    private readonly accounts: AccountsService,
  ) {}

  async list(accountId: string): Promise<RoutingRulesDto> {
    const [rows, members] = await Promise.all([
      this.rules.list(accountId),
      this.accounts.memberContacts(accountId),
    ]);
    return { items: rows.map(toDto), max: MAX_ROUTING_RULES, members };
  }

  async create(accountId: string, dto: RoutingRuleInputDto): Promise<RoutingRuleDto> {
    const fields = await this.checked(accountId, dto);
    const id = await this.rules.locked(accountId, async (em) => {
      const existing = await this.rules.list(accountId, em);
      if (existing.length >= MAX_ROUTING_RULES) {
        throw new DomainError(
          'ROUTING_RULE_LIMIT_REACHED',
          `An account may have at most ${MAX_ROUTING_RULES} routing rules.`,
        );
      }
      const last = existing.at(-1);
      return (await this.rules.insert(accountId, last ? last.position + 1 : 0, fields, em)).id;
    });
    return this.get(accountId, id);
  }

  async replace(accountId: string, id: string, dto: RoutingRuleInputDto): Promise<RoutingRuleDto> {
    await this.get(accountId, id);
    const fields = await this.checked(accountId, dto);
    await this.rules.locked(accountId, async (em) => {
      const found = (await this.rules.list(accountId, em)).some((r) => r.id === id);
      if (!found) throw this.notFound();
      await this.rules.update(accountId, id, fields, em);
    });
    return this.get(accountId, id);
  }

  async remove(accountId: string, id: string): Promise<void> {
    await this.rules.locked(accountId, async (em) => {
      if (!(await this.rules.remove(accountId, id, em))) throw this.notFound();
      const rest = await this.rules.list(accountId, em);
      await this.rules.reorder(
        accountId,
        rest.map((r) => r.id),
        em,
      );
    });
  }

  /** Sets the priority order: `ruleIds` must be exactly the account's rules. */
  async reorder(accountId: string, dto: ReorderRoutingRulesDto): Promise<RoutingRulesDto> {
    await this.rules.locked(accountId, async (em) => {
      const current = new Set((await this.rules.list(accountId, em)).map((r) => r.id));
      const same = dto.ruleIds.length === current.size && dto.ruleIds.every((id) => current.has(id));
      if (!same) {
        throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', {
          fieldErrors: [
            {
              pointer: '/body/ruleIds',
              code: 'RULES_MISMATCH',
              message: "ruleIds must list every one of the account's rules, once each",
            },
          ],
        });
      }
      await this.rules.reorder(accountId, dto.ruleIds, em);
    });
    return this.list(accountId);
  }

  /**
   * R8.3 for the fan-out: which channels hear of the inquiry and which addresses get the e-mail.
   * A rule naming addresses or members sends to those that still qualify (confirmed addresses,
   * current members); if none does, to the usual recipients, so an inquiry is never silently lost.
   */
  async route(
    accountId: string,
    inquiry: RoutedInquiry,
    /** The rules (priority order) and confirmed addresses when the caller read them already. */
    read?: { rules: RoutingRule[]; confirmed: { id: string; email: string }[] },
  ): Promise<InquiryRoute> {
    const rules = read ? read.rules : (await this.rules.list(accountId)).map(toRule);
    const route = routeInquiry(rules, inquiry);
    const usual = async () => (await this.recipients.defaultRecipients(accountId, read?.confirmed)).addresses;
    let emails: string[] = [];
    if (route.emails.kind === 'default') emails = await usual();
    else if (route.emails.kind === 'chosen') {
      const { addressIds, memberIds } = route.emails;
      const [confirmed, members] = await Promise.all([
        addressIds.length === 0
          ? Promise.resolve([])
          : read
            ? Promise.resolve(read.confirmed)
            : this.recipients.confirmed(accountId),
        memberIds.length > 0 ? this.accounts.memberContacts(accountId) : Promise.resolve([]),
      ]);
      emails = [
        ...confirmed.filter((a) => addressIds.includes(a.id)).map((a) => a.email),
        ...members.filter((m) => memberIds.includes(m.id)).map((m) => m.email),
      ];
      if (emails.length === 0) emails = await usual();
    }
    return {
      ruleId: route.ruleId,
      channels: route.channels,
      emails: [...new Set(emails.map((e) => e.toLowerCase()))],
    };
  }

  private async get(accountId: string, id: string): Promise<RoutingRuleDto> {
    const rows = await this.rules.list(accountId);
    const index = rows.findIndex((r) => r.id === id);
    if (index < 0) throw this.notFound();
    return toDto(rows[index]!, index);
  }

  /** The rule's fields, with the addresses and members checked to be the account's own (422). */
  private async checked(accountId: string, dto: RoutingRuleInputDto): Promise<RuleFields> {
    const emailAddressIds = dto.emailAddressIds ?? [];
    const memberIds = dto.memberIds ?? [];
    const errors: FieldError[] = [];
    if (emailAddressIds.length > 0) {
      const own = await this.recipients.ids(accountId);
      emailAddressIds.forEach((id, i) => {
        if (!own.has(id))
          errors.push({
            pointer: `/body/emailAddressIds/${i}`,
            code: 'NOT_OF_ACCOUNT',
            message: "not one of the account's notification e-mail addresses",
          });
      });
    }
    if (memberIds.length > 0) {
      const own = new Set((await this.accounts.memberContacts(accountId)).map((m) => m.id));
      memberIds.forEach((id, i) => {
        if (!own.has(id))
          errors.push({
            pointer: `/body/memberIds/${i}`,
            code: 'NOT_OF_ACCOUNT',
            message: 'not a member of the account',
          });
      });
    }
    if (errors.length > 0) {
      throw new DomainError('VALIDATION_FAILED', 'One or more fields are not valid.', {
        fieldErrors: errors,
      });
    }
    return {
      name: dto.name,
      forWhomContains: dto.forWhomContains ?? null,
      callbackRequired: dto.callbackRequired ?? null,
      urgent: dto.urgent ?? null,
      categories: dto.categories ?? [],
      channels: dto.channels,
      emailAddressIds,
      memberIds,
    };
  }

  private notFound(): DomainError {
    return new DomainError('ROUTING_RULE_NOT_FOUND', 'There is no such routing rule.');
  }
}

function toRule(row: RoutingRuleRow): RoutingRule {
  return {
    id: row.id,
    forWhomContains: row.forWhomContains,
    callbackRequired: row.callbackRequired,
    urgent: row.urgent,
    categories: row.categories,
    channels: row.channels,
    emailAddressIds: row.emailAddressIds,
    memberIds: row.memberIds,
  };
}
