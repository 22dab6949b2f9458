import { useTranslation } from 'react-i18next';

/** Japan dates ('YYYY-MM-DD') and yen amounts in the reader's language. */
export function useBillingFormat() {
  const { t, i18n } = useTranslation('billing');
  const locale = i18n.language === 'en' ? 'en-GB' : 'ja-JP';
  const dateFormat = new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const dateTimeFormat = new Intl.DateTimeFormat(locale, {
    dateStyle: 'short',
    timeStyle: 'short',
    timeZone: 'Asia/Tokyo',
  });
  return {
    date: (date: string) => dateFormat.format(new Date(`${date}T00:00:00Z`)),
    month: (date: string) => monthFormat.format(new Date(`${date.slice(0, 7)}-01T00:00:00Z`)),
    dateTime: (iso: string) => dateTimeFormat.format(new Date(iso)),
    yen: (amount: number) => t('yen', { amount: amount.toLocaleString('en-US') }),
  };
}
