import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import type { AdminAccount } from '../api/get-account';
import { formatDateTime } from './format';

export type AccountFactsProps = { account: AdminAccount };

/** R1.3–R1.7, R3.1: the onboarding facts as a checklist (done / not done, with the details). */
export function AccountFacts({ account }: AccountFactsProps) {
  const { t, i18n } = useTranslation('accounts');
  const f = account.facts;
  const date = (iso: string) => formatDateTime(iso, i18n.language);
  const rows: { key: string; label: string; done: boolean; value: ReactNode }[] = [
    {
      key: 'identity',
      label: t('facts.identity'),
      done: f.identityStatus === 'approved',
      value: (
        <>
          {t(`facts.identityStatus.${f.identityStatus}`)}
          {f.identityStatus === 'rejected' && f.identityRejectionReason ? (
            <>
              <br />
              <span data-testid="rejection-reason">
                {t('facts.rejectionReason', { reason: f.identityRejectionReason })}
              </span>
            </>
          ) : null}
        </>
      ),
    },
    {
      key: 'card',
      label: t('facts.card'),
      done: f.cardRegisteredAt !== null,
      value: f.cardRegisteredAt
        ? t('facts.cardRegistered', { date: date(f.cardRegisteredAt) })
        : t('facts.cardMissing'),
    },
    {
      key: 'number',
      label: t('facts.number'),
      done: f.phoneNumber !== null,
      value: f.phoneNumber
        ? `${f.phoneNumberDisplay ?? f.phoneNumber}（${f.phoneNumber}）`
        : t('facts.numberMissing'),
    },
    {
      key: 'notice',
      label: t('facts.notice'),
      done: f.noticePostedAt !== null,
      value: (
        <>
          {f.noticePostedAt
            ? t('facts.noticePosted', { date: date(f.noticePostedAt) })
            : t('facts.noticeNotPosted')}
          <br />
          <span className="muted">
            {f.noticeAddress
              ? t('facts.noticeAddress', {
                  address: [f.noticePostalCode, f.noticeAddress].filter(Boolean).join(' '),
                })
              : t('facts.noticeAddressDefault')}
          </span>
        </>
      ),
    },
  ];
  return (
    <Card title={t('facts.title')}>
      <dl className="details" data-testid="account-facts">
        {rows.map((row) => (
          <Fragment key={row.key}>
            <dt>
              {/* Plain text marks (not emoji), readable without an emoji font. */}
              <span
                aria-label={row.done ? t('facts.done') : t('facts.notDone')}
                role="img"
                className={row.done ? 'fact-mark fact-mark--done' : 'fact-mark'}
              >
                {row.done ? '✓' : '–'}
              </span>{' '}
              {row.label}
            </dt>
            <dd data-testid={`fact-${row.key}`}>{row.value}</dd>
          </Fragment>
        ))}
        <dt>{t('facts.notificationEmail')}</dt>
        <dd data-testid="fact-notification-email">
          {f.notificationEmail ?? t('facts.notificationEmailDefault')}
        </dd>
      </dl>
    </Card>
  );
}
