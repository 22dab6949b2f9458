import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Card, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useOnboarding, type OnboardingStep } from '../api/get-onboarding';

/** Where each step is done (pages of other features, given by the dashboard route). */
export type OnboardingLinks = {
  documents: string;
  card: string;
  number: string;
};

export type OnboardingChecklistProps = {
  links: OnboardingLinks;
};

const STATUS_ICON: Record<OnboardingStep['status'], string> = {
  done: '✓',
  todo: '○',
  waiting: '…',
  rejected: '!',
};

/** The link that takes the customer to where a step is done, if the step needs them. */
function stepLink(step: OnboardingStep, links: OnboardingLinks): string | null {
  switch (step.action) {
    case 'upload_document':
    case 'reupload_document':
      return links.documents;
    case 'register_card':
      return links.card;
    default:
      return null;
  }
}

function StepItem({ step, links }: { step: OnboardingStep; links: OnboardingLinks }) {
  const { t } = useTranslation('onboarding');
  const link = stepLink(step, links);
  return (
    <li className={`checklist__item checklist__item--${step.status}`} data-testid={`step-${step.key}`}>
      <span className={`badge badge--${step.status}`} aria-hidden="true">
        {STATUS_ICON[step.status]}
      </span>{' '}
      <strong>{t(`steps.${step.key}.title`)}</strong>{' '}
      <span className={`badge badge--${step.status}`}>{t(`status.${step.status}`)}</span>
      <p className="muted">{t(`steps.${step.key}.why`)}</p>
      {step.status === 'rejected' && step.rejectionReason ? (
        <Alert>{t('rejectionReason', { reason: step.rejectionReason })}</Alert>
      ) : null}
      {step.action ? (
        link ? (
          <p>
            <Link to={link}>{t(`actions.${step.action}`)}</Link>
          </p>
        ) : (
          <p>{t(`actions.${step.action}`)}</p>
        )
      ) : null}
      {step.key === 'number_issued' && step.number ? (
        <p>
          {t('number', { number: step.number })} <Link to={links.number}>{t('viewNumber')}</Link>
        </p>
      ) : null}
    </li>
  );
}

/**
 * R1.6: the dashboard's checklist while the account is being set up (e-mail, documents, card,
 * number), each step with its status, why it matters, and where to do it. Once the number is
 * issued, a short "in service" note instead; nothing for a cancelled account.
 */
export function OnboardingChecklist({ links }: OnboardingChecklistProps) {
  const { t } = useTranslation('onboarding');
  const { t: tc } = useTranslation();
  const query = useOnboarding();

  if (query.isPending) return <Spinner label={t('loading')} />;
  if (query.isError) return <Alert>{translate(tc, errorMessage(query.error))}</Alert>;

  const { state, complete, steps } = query.data;
  if (complete) {
    if (state === 'cancelled') return null;
    const number = steps.find((s) => s.key === 'number_issued')?.number ?? null;
    return (
      <Card title={t('active.title')}>
        <p data-testid="onboarding-active">
          {number ? t('active.body', { number }) : t('active.bodyNoNumber')}{' '}
          {number ? <Link to={links.number}>{t('viewNumber')}</Link> : null}
        </p>
      </Card>
    );
  }

  const done = steps.filter((s) => s.status === 'done').length;
  return (
    <Card title={t('title')}>
      <p className="muted">{t('lead')}</p>
      <p>{t('progress', { done, total: steps.length })}</p>
      <ol className="checklist" data-testid="onboarding-checklist">
        {steps.map((step) => (
          <StepItem key={step.key} step={step} links={links} />
        ))}
      </ol>
    </Card>
  );
}
