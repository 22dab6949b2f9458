import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { publicPaths } from '../paths';
import { SupportContact } from './support-contact';

const SECTIONS = ['flow', 'calls', 'forwarding', 'memo', 'chatwork', 'contract', 'faq'] as const;
type SectionId = (typeof SECTIONS)[number];

const FLOW_STEPS = ['account', 'documents', 'card', 'review', 'number', 'terms'] as const;
const CALL_ITEMS = ['caller', 'recipient', 'callback', 'content', 'callbackNeeded'] as const;
const FORWARDING_WAYS = ['a', 'b', 'c'] as const;
const CHATWORK_STEPS = ['start', 'allow', 'room', 'done'] as const;
const CONTRACT_ITEMS = ['monthly', 'planChange', 'minimum', 'cancellation', 'card', 'invoices'] as const;
const FAQ_ITEMS = [
  'recorded',
  'counted',
  'extraCalls',
  'numberTiming',
  'numberFee',
  'outOfHours',
  'minimum',
  'planChange',
  'cancel',
  'team',
  'companyCard',
  'cardSafety',
  'receipt',
] as const;

const anchor = (id: SectionId) => `guide-${id}`;

function Section({ id, children }: { id: SectionId; children: ReactNode }) {
  const { t } = useTranslation('public');
  return (
    <section className="public-section" id={anchor(id)} aria-labelledby={`${anchor(id)}-title`}>
      <h2 id={`${anchor(id)}-title`}>{t(`guide.${id}.title`)}</h2>
      {children}
      <p className="public-section__top">
        <a href="#guide-toc">{t('guide.backToTop')}</a>
      </p>
    </section>
  );
}

/** ご利用ガイド: how the service works, in our own words, with the FAQ (from the customer guide). */
export function Guide() {
  const { t } = useTranslation('public');
  return (
    <>
      <nav id="guide-toc" className="public-toc" aria-label={t('guide.tocLabel')}>
        <ol>
          {SECTIONS.map((id) => (
            <li key={id}>
              <a href={`#${anchor(id)}`}>{t(`guide.${id}.title`)}</a>
            </li>
          ))}
        </ol>
      </nav>

      <Section id="flow">
        <ol>
          {FLOW_STEPS.map((step) => (
            <li key={step}>{t(`guide.flow.steps.${step}`)}</li>
          ))}
        </ol>
        <p>
          {t('guide.flow.firstCharge')} <Link to={publicPaths.pricing}>{t('nav.pricing')}</Link>
        </p>
      </Section>

      <Section id="calls">
        <p>{t('guide.calls.body')}</p>
        <ul>
          {CALL_ITEMS.map((item) => (
            <li key={item}>{t(`guide.calls.items.${item}`)}</li>
          ))}
        </ul>
        <p>{t('guide.calls.notice')}</p>
        <p>{t('guide.calls.dashboard')}</p>
        <p>{t('guide.calls.outOfHours')}</p>
      </Section>

      <Section id="forwarding">
        <p>{t('guide.forwarding.lead')}</p>
        <dl className="public-ways">
          {FORWARDING_WAYS.map((way) => (
            <div key={way} className="public-ways__item">
              <dt>{t(`guide.forwarding.${way}.title`)}</dt>
              <dd>{t(`guide.forwarding.${way}.body`)}</dd>
            </div>
          ))}
        </dl>
        <p>{t('guide.forwarding.note')}</p>
      </Section>

      <Section id="memo">
        <p>{t('guide.memo.body')}</p>
        <p>{t('guide.memo.allowed')}</p>
        <p>{t('guide.memo.notAllowed')}</p>
        <p>{t('guide.memo.review')}</p>
        <p className="muted">{t('guide.memo.noGuarantee')}</p>
      </Section>

      <Section id="chatwork">
        <ol>
          {CHATWORK_STEPS.map((step) => (
            <li key={step}>{t(`guide.chatwork.steps.${step}`)}</li>
          ))}
        </ol>
        <p>{t('guide.chatwork.unlink')}</p>
        <p className="muted">{t('guide.chatwork.organization')}</p>
      </Section>

      <Section id="contract">
        <ul>
          {CONTRACT_ITEMS.map((item) => (
            <li key={item}>{t(`guide.contract.items.${item}`)}</li>
          ))}
        </ul>
      </Section>

      <Section id="faq">
        <div className="public-faq" data-testid="faq">
          {FAQ_ITEMS.map((item) => (
            <details key={item} className="public-faq__item">
              <summary>{t(`guide.faq.items.${item}.q`)}</summary>
              <p>{t(`guide.faq.items.${item}.a`)}</p>
            </details>
          ))}
        </div>
      </Section>

      <SupportContact />
    </>
  );
}
