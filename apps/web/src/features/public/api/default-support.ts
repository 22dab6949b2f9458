import type { Schemas } from '@bc/api-client';

export type Support = Schemas['SupportDto'];

/**
 * R7.1 as shipped. The footer shows these without asking the API (it is on every page, including
 * log-in); the guide's contact box asks GET /api/v1/support and uses these until it answers.
 * Kept apart from the query so the footer does not pull the query library into the log-in route.
 */
export const DEFAULT_SUPPORT: Support = {
  phone: '0120-935-372',
  days: 'every_day',
  opensAt: '10:00',
  closesAt: '19:00',
  timeZone: 'Asia/Tokyo',
};
