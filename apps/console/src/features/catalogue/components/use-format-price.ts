import { useTranslation } from 'react-i18next';
import type { CatalogueItemKind } from '../api/get-prices';
import { formatAmount } from './format';

/** '月額 5,500円（税込）' for plans and options, '3,300円（税込）' for the one-off fee. */
export function useFormatPrice() {
  const { t, i18n } = useTranslation('catalogue');
  return (amount: number, kind: CatalogueItemKind | 'fee') => {
    const price = t('yen', { amount: formatAmount(amount, i18n.language) });
    return kind === 'fee' ? price : t('monthly', { price });
  };
}
