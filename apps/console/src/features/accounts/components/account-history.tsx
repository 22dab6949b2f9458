import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import type { AccountHistoryEntry } from '../api/get-account';
import { useAccountStateLabel } from './account-state';
import { displayNumber, formatDateTime } from './format';

/** The history kinds the console labels; any other kind is shown as it is. */
export const KNOWN_HISTORY_KINDS = [
  'account.created',
  'state.changed',
  'number.issued',
  'document.uploaded',
  'document.attached',
  'document.approved',
  'document.rejected',
  'notice.posted',
  'notice_address.changed',
  'card.registered',
  'card.changed',
  'member.invited',
  'member.joined',
  'member.removed',
  'member.role_changed',
  'invitation.revoked',
  'api_key.created',
  'api_key.revoked',
  'number.released',
  'subscription.plan_chosen',
  'subscription.plan_change_requested',
  'subscription.plan_change_withdrawn',
  'subscription.cancellation_requested',
  'subscription.cancellation_withdrawn',
  'subscription.option_added',
  'subscription.option_dropped',
  'invoice.payment_failed',
  'invoice.credit_note_issued',
] as const;
type KnownKind = (typeof KNOWN_HISTORY_KINDS)[number];
const isKnownKind = (kind: string): kind is KnownKind =>
  (KNOWN_HISTORY_KINDS as readonly string[]).includes(kind);

const str = (value: unknown): string | null =>
  typeof value === 'string' && value !== '' ? value : typeof value === 'number' ? String(value) : null;

/** One line of facts from an entry's detail, per kind (only keys we know how to show). */
function describeDetail(
  entry: AccountHistoryEntry,
  t: TFunction<'accounts'>,
  stateLabel: (state: string) => string,
  documentKind: (kind: string) => string,
): string | null {
  const d = entry.detail as Record<string, unknown>;
  const role = (value: unknown) => {
    const r = str(value);
    return r === 'owner' || r === 'member' ? t(`users.roles.${r}`) : (r ?? '');
  };
  const parts: (string | null)[] = [];
  switch (entry.kind) {
    case 'account.created': {
      const type = str(d.type);
      parts.push(type === 'individual' || type === 'corporation' ? t(`type.${type}`) : type);
      break;
    }
    case 'state.changed':
      if (str(d.from) || str(d.to))
        parts.push(
          t('history.change', { from: stateLabel(str(d.from) ?? '?'), to: stateLabel(str(d.to) ?? '?') }),
        );
      break;
    case 'number.issued':
      parts.push(str(d.number) ? displayNumber(str(d.number)!) : null);
      break;
    case 'document.rejected':
      parts.push(
        str(d.kind) ? documentKind(str(d.kind)!) : null,
        str(d.reason) ? t('history.reason', { reason: str(d.reason) }) : null,
      );
      break;
    case 'document.uploaded':
    case 'document.attached':
    case 'document.approved':
      parts.push(str(d.kind) ? documentKind(str(d.kind)!) : null);
      break;
    case 'notice.posted':
    case 'notice_address.changed': {
      const address = [str(d.postalCode), str(d.address)].filter(Boolean).join(' ');
      parts.push(
        address
          ? t('facts.noticeAddress', { address })
          : d.usesDocumentAddress === true || d.to === 'document_address'
            ? t('facts.noticeAddressDefault')
            : null,
      );
      break;
    }
    case 'card.registered':
    case 'card.changed':
      parts.push(str(d.last4) ? `${str(d.brand) ?? ''} •••• ${str(d.last4)}`.trim() : null);
      break;
    case 'member.invited':
      parts.push(str(d.email), d.role ? role(d.role) : null);
      break;
    case 'member.joined':
    case 'member.removed':
      parts.push(str(d.name), str(d.email));
      break;
    case 'member.role_changed':
      parts.push(str(d.name), t('history.change', { from: role(d.from), to: role(d.to) }));
      break;
    case 'invitation.revoked':
      parts.push(str(d.email));
      break;
    case 'api_key.created':
    case 'api_key.revoked':
      parts.push(str(d.name), str(d.prefix));
      break;
    case 'number.released':
      parts.push(
        str(d.number) ? displayNumber(str(d.number)!) : null,
        str(d.quarantinedUntil) ? t('history.until', { date: str(d.quarantinedUntil)!.slice(0, 10) }) : null,
      );
      break;
    case 'subscription.plan_chosen':
      parts.push(str(d.planCode));
      break;
    case 'subscription.plan_change_requested':
      parts.push(
        str(d.from) || str(d.to)
          ? t('history.change', { from: str(d.from) ?? '?', to: str(d.to) ?? '?' })
          : null,
        str(d.effectiveOn) ? t('history.effective', { date: str(d.effectiveOn) }) : null,
      );
      break;
    case 'subscription.plan_change_withdrawn':
      parts.push(
        str(d.planCode),
        str(d.effectiveOn) ? t('history.effective', { date: str(d.effectiveOn) }) : null,
      );
      break;
    case 'subscription.cancellation_requested':
    case 'subscription.cancellation_withdrawn':
      parts.push(str(d.endsOn) ? t('history.until', { date: str(d.endsOn) }) : null);
      break;
    case 'subscription.option_added':
      parts.push(
        str(d.optionCode),
        str(d.startsOn) ? t('history.effective', { date: str(d.startsOn) }) : null,
      );
      break;
    case 'subscription.option_dropped':
      parts.push(str(d.optionCode), str(d.endsOn) ? t('history.until', { date: str(d.endsOn) }) : null);
      break;
    case 'invoice.payment_failed':
      parts.push(
        str(d.number),
        str(d.attempt) ? t('history.attempt', { n: str(d.attempt) }) : null,
        str(d.failureCode),
      );
      break;
    case 'invoice.credit_note_issued':
      parts.push(
        typeof d.amount === 'number' ? `¥${d.amount.toLocaleString('ja-JP')}` : null,
        str(d.reason) ? t('history.reason', { reason: str(d.reason) }) : null,
      );
      break;
  }
  const text = parts.filter((p): p is string => Boolean(p)).join(' · ');
  return text || null;
}

export type AccountHistoryProps = { entries: AccountHistoryEntry[] };

/** The account's history, newest first, with a human label per kind. */
export function AccountHistory({ entries }: AccountHistoryProps) {
  const { t, i18n } = useTranslation('accounts');
  const stateLabel = useAccountStateLabel();
  // Document kinds are labelled by the verification feature's catalogue; unknown ones stay raw.
  const documentKind = (kind: string) =>
    String(i18n.t(`kinds.${kind}`, { ns: 'verification', defaultValue: kind }));
  const actorOf = (entry: AccountHistoryEntry) => {
    const kind = t(`history.actor.${entry.actorKind}`);
    return entry.actorName ? t('history.actorNamed', { kind, name: entry.actorName }) : kind;
  };
  return (
    <Card title={t('history.title')}>
      {entries.length === 0 ? (
        <p className="muted">{t('history.empty')}</p>
      ) : (
        <ol className="timeline" data-testid="account-history">
          {entries.map((entry) => {
            const detail = describeDetail(entry, t, stateLabel, documentKind);
            return (
              <li key={entry.id} className="timeline__item" data-kind={entry.kind}>
                <time dateTime={entry.occurredAt} className="muted">
                  {formatDateTime(entry.occurredAt, i18n.language)}
                </time>{' '}
                <strong>{isKnownKind(entry.kind) ? t(`history.kinds.${entry.kind}`) : entry.kind}</strong>
                {detail ? <span>{` ${detail}`}</span> : null}
                <br />
                <span className="muted">{t('history.by', { actor: actorOf(entry) })}</span>
              </li>
            );
          })}
        </ol>
      )}
    </Card>
  );
}
