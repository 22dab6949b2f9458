import type { InquiryCategory } from '@bc/domain';
import { DELIVERY_CHANNELS, type DeliveryChannel } from '../deliveries/notification-delivery.entity';

/** R8.3: one routing rule, as the pure routing sees it (framework-free). */
export interface RoutingRule {
  id: string;
  /** Case- and width-insensitive part of 「誰宛て」; null = any. */
  forWhomContains: string | null;
  /** true: only call-back-required inquiries; false: only call-only ones; null = any. */
  callbackRequired: boolean | null;
  /** true: only urgent; false: only not urgent; null = any. */
  urgent: boolean | null;
  /** Any of these; empty = any category. */
  categories: readonly InquiryCategory[];
  /** Who hears of it: at least one channel. */
  channels: readonly DeliveryChannel[];
  /** E-mail: these notification addresses and these members' login addresses; both empty = the usual recipients. */
  emailAddressIds: readonly string[];
  memberIds: readonly string[];
}

/** The fields of an inquiry the conditions look at. */
export interface RoutedInquiry {
  forWhom: string | null;
  callbackRequired: boolean;
  urgent: boolean;
  category: InquiryCategory;
}

/** Who gets the e-mail: the usual recipients, or exactly the chosen ones. */
export type EmailSelection =
  | { kind: 'default' }
  | { kind: 'chosen'; addressIds: readonly string[]; memberIds: readonly string[] }
  | { kind: 'none' };

export interface Route {
  /** The rule that decided; null when none matched (everyone hears, as without rules). */
  ruleId: string | null;
  channels: ReadonlySet<DeliveryChannel>;
  emails: EmailSelection;
}

const EVERYONE: Route = { ruleId: null, channels: new Set(DELIVERY_CHANNELS), emails: { kind: 'default' } };

/** NFKC (full-width → half-width), lower-cased, blanks removed: 「ﾀﾅｶ 様」 matches 「タナカ様」. */
export function normaliseText(s: string): string {
  return s.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
}

export function ruleMatches(rule: RoutingRule, inquiry: RoutedInquiry): boolean {
  if (rule.forWhomContains !== null) {
    const wanted = normaliseText(rule.forWhomContains);
    if (wanted && !normaliseText(inquiry.forWhom ?? '').includes(wanted)) return false;
  }
  if (rule.callbackRequired !== null && rule.callbackRequired !== inquiry.callbackRequired) return false;
  if (rule.urgent !== null && rule.urgent !== inquiry.urgent) return false;
  if (rule.categories.length > 0 && !rule.categories.includes(inquiry.category)) return false;
  return true;
}

/**
 * R8.3: the first rule (in the given order) whose every condition holds decides which channels
 * and which e-mail recipients hear of the inquiry; no rule matching means everyone (as without
 * rules). Pure: no I/O, the rules come in priority order.
 */
export function routeInquiry(rules: readonly RoutingRule[], inquiry: RoutedInquiry): Route {
  const rule = rules.find((r) => ruleMatches(r, inquiry));
  if (!rule) return EVERYONE;
  const channels = new Set(rule.channels);
  const emails: EmailSelection = !channels.has('email')
    ? { kind: 'none' }
    : rule.emailAddressIds.length === 0 && rule.memberIds.length === 0
      ? { kind: 'default' }
      : { kind: 'chosen', addressIds: [...rule.emailAddressIds], memberIds: [...rule.memberIds] };
  return { ruleId: rule.id, channels, emails };
}
