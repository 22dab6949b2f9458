import { displayOf } from '../../common/phone/japanese-phone';
import type { Call } from './call.entity';
import type { CallerBlock } from './caller-block.entity';
import type { CallerBlockDto, OperatorCallDto } from './dto/telephony.dto';

export interface CustomerNames {
  name: string;
  companyName: string | null;
}

export function toOperatorCallDto(call: Call, customer: CustomerNames | null): OperatorCallDto {
  return {
    id: call.id,
    state: call.state,
    accountId: call.accountId,
    customerName: customer ? (customer.companyName ?? customer.name) : null,
    companyName: customer?.companyName ?? null,
    contactName: customer?.name ?? null,
    to: call.toNumber,
    toDisplay: displayOf(call.toNumber),
    from: call.fromE164,
    fromDisplay: call.fromE164 ? displayOf(call.fromE164) : null,
    startedAt: call.startedAt.toISOString(),
    claimedBy: call.claimedBy,
    claimedAt: call.claimedAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    endStatus: call.endStatus,
    inquiryId: call.inquiryId,
    vip: call.vip,
    offeredTo: call.state === 'offered' ? call.offeredTo : null,
    answeredAt: call.answeredAt?.toISOString() ?? null,
    onHold: call.onHold,
    outcome: call.outcome,
    waitSeconds: call.waitSeconds === null ? null : Math.round(call.waitSeconds * 10) / 10,
  };
}

export function toCallerBlockDto(block: CallerBlock): CallerBlockDto {
  return {
    id: block.id,
    e164: block.e164,
    display: displayOf(block.e164),
    note: block.note,
    createdAt: block.createdAt.toISOString(),
  };
}

/** 「お電話ありがとうございます。<company>でございます。」: the customer's company, else their name. */
export function greetingFor(customer: CustomerNames | null): string {
  const name = customer ? (customer.companyName ?? customer.name) : null;
  return name ? `お電話ありがとうございます。${name}でございます。` : 'お電話ありがとうございます。';
}
