/**
 * R7.1: how customers reach us by phone (questions, cancellations). A constant for now; it moves to
 * configuration when a second brand or centre needs other values.
 */
export const SUPPORT_CONTACT = {
  phone: '0120-935-372',
  days: 'every_day',
  opensAt: '10:00',
  closesAt: '19:00',
  timeZone: 'Asia/Tokyo',
} as const;
