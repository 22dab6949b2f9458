import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import type { MyNumber } from '../api/get-my-number';

export type MyNumberCardProps = {
  myNumber: MyNumber;
};

export function MyNumberCard({ myNumber }: MyNumberCardProps) {
  const { t, i18n } = useTranslation('number');
  const issuedOn = new Intl.DateTimeFormat(i18n.language === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'long',
    timeZone: 'Asia/Tokyo',
  }).format(new Date(myNumber.issuedAt));
  return (
    <Card title={t('issued.heading')}>
      <p className="muted">{t('issued.lead')}</p>
      <dl className="details" data-testid="my-number">
        <dt>{t('issued.number')}</dt>
        <dd>
          <strong className="my-number__display">{myNumber.display}</strong>
        </dd>
        <dt>{t('issued.issuedAt')}</dt>
        <dd>{issuedOn}</dd>
      </dl>
    </Card>
  );
}
