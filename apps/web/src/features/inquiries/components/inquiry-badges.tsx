import { useTranslation } from 'react-i18next';
import type { InquiryStatus } from '../api/inquiry-filters';

export function StatusBadge({ status }: { status: InquiryStatus }) {
  const { t } = useTranslation('inquiries');
  return <span className={`badge badge--${status}`}>{t(`status.${status}`)}</span>;
}

export function UrgentBadge() {
  const { t } = useTranslation('inquiries');
  return <span className="badge badge--urgent">{t('urgent')}</span>;
}

/** 折り返し 要 stands out; 不要 is plain text. */
export function CallbackMark({ required }: { required: boolean }) {
  const { t } = useTranslation('inquiries');
  return required ? (
    <span className="badge badge--callback">{t('callback.required')}</span>
  ) : (
    <span>{t('callback.not_required')}</span>
  );
}
