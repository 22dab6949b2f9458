import { displayOf } from '../../common/phone/japanese-phone';
import type { NumberUsage } from './number-usage.entity';
import type { PhoneNumber } from './phone-number.entity';
import type { MyNumberDto, NumberUsageDto, PhoneNumberDto } from './dto/numbers.dto';

export function toPhoneNumberDto(n: PhoneNumber, now = new Date()): PhoneNumberDto {
  const quarantineOver =
    n.state === 'quarantined' && n.quarantinedUntil !== null && n.quarantinedUntil <= now;
  return {
    id: n.id,
    e164: n.e164,
    display: displayOf(n.e164),
    state: quarantineOver ? 'free' : n.state,
    accountId: n.accountId,
    assignedAt: n.assignedAt?.toISOString() ?? null,
    quarantinedUntil: quarantineOver ? null : (n.quarantinedUntil?.toISOString() ?? null),
    createdAt: n.createdAt.toISOString(),
  };
}

export function toNumberUsageDto(u: NumberUsage): NumberUsageDto {
  return {
    method: u.method,
    carrier: u.carrier,
    forwardedFrom: u.forwardedFrom,
    forwardedFromDisplay: u.forwardedFrom ? displayOf(u.forwardedFrom) : null,
    updatedAt: u.updatedAt.toISOString(),
  };
}

export function toMyNumberDto(n: PhoneNumber, usage: NumberUsage | null): MyNumberDto {
  return {
    e164: n.e164,
    display: displayOf(n.e164),
    issuedAt: (n.assignedAt ?? n.updatedAt).toISOString(),
    usage: usage ? toNumberUsageDto(usage) : null,
  };
}
