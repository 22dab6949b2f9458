import type { Schemas } from '@bc/api-client';
import { INQUIRY_CATEGORIES } from '@bc/domain';

export type Inquiry = Schemas['InquiryDto'];
export type InquiryDetail = Schemas['InquiryDetailDto'];
export type InquiryStatus = Schemas['InquiryStatus'];
export type InquiryCategory = Schemas['InquiryCategory'];
export type CallbackFilter = Schemas['CallbackFilter'];
export type InquiryNote = Schemas['InquiryNoteDto'];
export type Assignee = Schemas['AssigneeDto'];
export type InquiryCallbackAttempt = Schemas['InquiryCallbackAttemptDto'];
export type CallbackOutcome = Schemas['CallbackOutcome'];
export type NewCallbackAttempt = Schemas['CreateCallbackAttemptDto'];

/** R8.7: 話せた / 不在 / 留守電 / 話し中 / 番号違い, in the order the form offers them. */
export const CALLBACK_OUTCOMES: readonly CallbackOutcome[] = [
  'reached',
  'no_answer',
  'voicemail',
  'busy',
  'wrong_number',
];
export const CALLBACK_NOTE_MAX = 500;

export const INQUIRY_STATUSES: readonly InquiryStatus[] = ['unhandled', 'handled'];
/** R4.1: the categories, in the order the filters offer them (the API's list, libs/domain). */
export { INQUIRY_CATEGORIES } from '@bc/domain';
export const CALLBACK_FILTERS: readonly CallbackFilter[] = ['required', 'not_required'];

/** The list's filters, as kept in the page's URL query (and sent to the API as they are). */
export type InquiryFilters = {
  status?: InquiryStatus;
  callback?: CallbackFilter;
  category?: InquiryCategory[];
  from?: string;
  to?: string;
  q?: string;
  /** R8.7: `me`, `unassigned` or a member's user id. */
  assignee?: string;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ASSIGNEE = /^(me|unassigned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const isOneOf = <V extends string>(list: readonly V[], value: string | null): value is V =>
  value !== null && (list as readonly string[]).includes(value);

/** Reads the filters from a URL query, dropping values the API would refuse. */
export function filtersFromSearch(params: URLSearchParams): InquiryFilters {
  const filters: InquiryFilters = {};
  const status = params.get('status');
  if (isOneOf(INQUIRY_STATUSES, status)) filters.status = status;
  const callback = params.get('callback');
  if (isOneOf(CALLBACK_FILTERS, callback)) filters.callback = callback;
  const categories = params
    .getAll('category')
    .flatMap((c) => c.split(','))
    .filter((c): c is InquiryCategory => isOneOf(INQUIRY_CATEGORIES, c));
  if (categories.length > 0) filters.category = [...new Set(categories)];
  const from = params.get('from');
  if (from && DAY.test(from)) filters.from = from;
  const to = params.get('to');
  if (to && DAY.test(to)) filters.to = to;
  const assignee = params.get('assignee');
  if (assignee && ASSIGNEE.test(assignee)) filters.assignee = assignee;
  const q = params.get('q')?.trim();
  if (q) filters.q = q.slice(0, 100);
  return filters;
}

/** The URL query of the filters (empty ones left out). */
export function searchOfFilters(filters: InquiryFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.status) params.set('status', filters.status);
  if (filters.callback) params.set('callback', filters.callback);
  for (const c of filters.category ?? []) params.append('category', c);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.assignee) params.set('assignee', filters.assignee);
  if (filters.q?.trim()) params.set('q', filters.q.trim());
  return params;
}
