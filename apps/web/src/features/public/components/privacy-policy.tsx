import { useTranslation } from 'react-i18next';
import { SupportContact } from './support-contact';

const SECTIONS = [
  'collect',
  'purpose',
  'documents',
  'cards',
  'thirdParties',
  'security',
  'requests',
  'changes',
] as const;

/** R7.2: the privacy policy (cards only at a PCI DSS provider; documents read by staff, audited). */
export function PrivacyPolicy() {
  const { t } = useTranslation('public');
  return (
    <>
      {SECTIONS.map((id) => (
        <section key={id} className="public-section" aria-labelledby={`privacy-${id}`}>
          <h2 id={`privacy-${id}`}>{t(`privacy.sections.${id}.title`)}</h2>
          <p>{t(`privacy.sections.${id}.body`)}</p>
        </section>
      ))}
      <p className="muted">{t('privacy.updated')}</p>
      <SupportContact />
    </>
  );
}
