import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Card } from '@bc/ui';

export const MY_NUMBER_PATH = '/number';

/** The dashboard's way to ご利用番号. */
export function NumberHomeCard() {
  const { t } = useTranslation('number');
  return (
    <Card title={t('homeLink.title')}>
      <p className="muted">{t('homeLink.body')}</p>
      <Link to={MY_NUMBER_PATH}>{t('homeLink.link')}</Link>
    </Card>
  );
}
