import { useTranslation } from 'react-i18next';
import { Alert, Card } from '@bc/ui';
import type { RegisteredCard } from '../api/get-card';

export type CurrentCardProps = {
  card: RegisteredCard | null;
};

/** The registered card as we know it: brand, last 4 digits, expiry (never the number). */
export function CurrentCard({ card }: CurrentCardProps) {
  const { t, i18n } = useTranslation('card');
  if (!card) {
    return (
      <Card title={t('current.heading')}>
        <p data-testid="current-card">{t('current.none')}</p>
      </Card>
    );
  }
  const updatedOn = new Intl.DateTimeFormat(i18n.language === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(card.updatedAt));
  return (
    <Card title={t('current.heading')}>
      <dl className="details" data-testid="current-card">
        <dt>{t('current.brand')}</dt>
        <dd>{card.brandName}</dd>
        <dt>{t('current.number')}</dt>
        <dd>{t('current.masked', { last4: card.last4 })}</dd>
        <dt>{t('current.expiry')}</dt>
        <dd>
          {t('current.expiryValue', {
            month: String(card.expMonth).padStart(2, '0'),
            year: String(card.expYear % 100).padStart(2, '0'),
          })}
        </dd>
        <dt>{t('current.updatedAt')}</dt>
        <dd>{updatedOn}</dd>
      </dl>
      {card.expired ? <Alert>{t('current.expired')}</Alert> : null}
    </Card>
  );
}
