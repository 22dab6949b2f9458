import { CARD_BRAND_NAMES, japanMonthOf } from '@bc/domain';
import type { CardDto } from './dto/card.dto';
import type { PaymentMethod } from './payment-method.entity';

/** Year and month (1–12) of a moment, in Japan time. */
function japanMonth(at: Date): { year: number; month: number } {
  const [year, month] = japanMonthOf(at).month.split('-').map(Number);
  return { year, month };
}

/** A card is valid through the last day of its expiry month. */
export function cardExpired(expYear: number, expMonth: number, now = new Date()): boolean {
  const today = japanMonth(now);
  return expYear < today.year || (expYear === today.year && expMonth < today.month);
}

export function toCardDto(p: PaymentMethod, now = new Date()): CardDto {
  return {
    brand: p.brand,
    brandName: CARD_BRAND_NAMES[p.brand],
    last4: p.last4,
    expMonth: p.expMonth,
    expYear: p.expYear,
    expired: cardExpired(p.expYear, p.expMonth, now),
    registeredAt: p.registeredAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
