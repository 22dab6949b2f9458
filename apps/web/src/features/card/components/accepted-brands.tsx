import { useTranslation } from 'react-i18next';
import { Card } from '@bc/ui';
import type { PaymentsConfig } from '../api/get-payments-config';

export type AcceptedBrandsProps = {
  brands: PaymentsConfig['acceptedBrands'];
};

/** R1.5: the brands we accept; R2.10: a company card may pay for a person's invoices. */
export function AcceptedBrands({ brands }: AcceptedBrandsProps) {
  const { t } = useTranslation('card');
  return (
    <Card title={t('brands.heading')}>
      <ul className="card-brands" data-testid="accepted-brands">
        {brands.map((brand) => (
          <li key={brand.code}>{brand.name}</li>
        ))}
      </ul>
      <p className="muted">{t('brands.note')}</p>
    </Card>
  );
}
