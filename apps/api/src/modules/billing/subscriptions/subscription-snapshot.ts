import { DomainError } from '../../../common/errors/domain-error';
import type { PlanCode } from '@bc/domain';
import type { CatalogueDto } from '../dto/catalogue.dto';
import type { PlanTermsDto, SubscriptionState } from './dto/subscription.dto';
import type { SubscriptionCancellation } from './subscription-cancellation.entity';
import type { SubscriptionOption } from './subscription-option.entity';
import type { SubscriptionPlan } from './subscription-plan.entity';

// What an account's subscription looks like on a day (its plan and option rows, a standing
// cancellation, the plan chosen before the number), and the checks every change makes of it.
// Pure functions: the services read the snapshot and write the rows (R2.1, R2.5–R2.7).

/** Requests may name a later month or day, up to a year ahead. */
export const MAX_MONTHS_AHEAD = 12;

export interface Snapshot {
  today: string;
  plans: SubscriptionPlan[];
  options: SubscriptionOption[];
  cancellation: SubscriptionCancellation | null;
  choice: PlanCode | null;
}

/** The plan row in force today. */
export const current = (s: Pick<Snapshot, 'plans' | 'today'>) =>
  s.plans.find((p) => p.startsOn <= s.today && (p.endsOn === null || p.endsOn >= s.today)) ?? null;
/** The plan row of a scheduled change (it starts after today). */
export const pending = (s: Pick<Snapshot, 'plans' | 'today'>) =>
  s.plans.find((p) => p.startsOn > s.today) ?? null;
/** Options not over yet (running, scheduled, or running to a set end). */
export const liveOptions = (s: Pick<Snapshot, 'options' | 'today'>) =>
  s.options.filter((o) => o.endsOn === null || o.endsOn >= s.today);

export function stateOf(s: Snapshot): SubscriptionState {
  if (s.plans.length === 0) return 'not_started';
  if (!current(s) && !pending(s)) return 'ended';
  return s.cancellation ? 'cancellation_scheduled' : 'active';
}

/** A request field the rules refuse, as a 422 pointing at it. */
export function invalid(
  code:
    | 'EFFECTIVE_MONTH_INVALID'
    | 'CANCELLATION_DATE_INVALID'
    | 'CANCELLATION_BEFORE_MINIMUM_TERM'
    | 'PLAN_UNCHANGED',
  pointer: string,
  message: string,
): DomainError {
  return new DomainError(code, message, { fieldErrors: [{ pointer, code, message }] });
}

/** Changes need a contract that has started and not ended. */
export function assertRunning(s: Snapshot): void {
  if (s.plans.length === 0) {
    throw new DomainError('SERVICE_NOT_STARTED', 'The service starts when the number is issued.');
  }
  if (!current(s) && !pending(s)) {
    throw new DomainError('CANCELLATION_IN_EFFECT', 'The contract has ended; apply anew to come back.');
  }
}

/** Options cannot change while a cancellation stands. */
export function assertNoCancellation(s: Snapshot, what: string): void {
  if (s.cancellation) {
    throw new DomainError(
      'CANCELLATION_SCHEDULED',
      `The contract ends on ${s.cancellation.endsOn}; withdraw the cancellation before ${what}.`,
    );
  }
}

/** A plan's terms from a catalogue (null when the catalogue does not price it). */
export function terms(catalogue: CatalogueDto, code: PlanCode): PlanTermsDto | null {
  const p = catalogue.plans.find((x) => x.code === code);
  if (!p) return null;
  return {
    code: p.code,
    name: p.name,
    monthlyFee: p.monthlyFee,
    includedCalls: p.includedCalls,
    perCallFee: p.perCallFee,
  };
}
