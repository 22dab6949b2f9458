import { useTranslation } from 'react-i18next';

/** Formats whole yen for the current language: 5,500円 / ¥5,500. */
export function useYen() {
  const { t, i18n } = useTranslation('public');
  const number = new Intl.NumberFormat(i18n.language === 'en' ? 'en-US' : 'ja-JP');
  return {
    format: (amount: number) => number.format(amount),
    yen: (amount: number) => t('money.yen', { amount: number.format(amount) }),
    perMonth: (amount: number) => t('money.perMonth', { amount: number.format(amount) }),
    perCall: (amount: number) => t('money.perCall', { amount: number.format(amount) }),
    perDay: (amount: number) => t('money.perDay', { amount: number.format(amount) }),
  };
}
