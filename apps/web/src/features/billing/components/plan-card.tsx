import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card } from '@bc/ui';
import { useChangeSubscription } from '../api/change-subscription';
import type { PlanCode, Subscription } from '../api/get-subscription';
import { ConfirmBox } from './confirm-box';
import { useBillingFormat } from './use-billing-format';

type Plan = Subscription['plans'][number];

export type PlanCardProps = { subscription: Subscription; canChange: boolean };

/**
 * R2.1/R2.5: the plan in force (or, before the number is issued, the plan it will start with), the
 * scheduled change with its withdrawal, and a change whose first month is shown before confirming.
 */
export function PlanCard({ subscription: s, canChange }: PlanCardProps) {
  const { t, i18n } = useTranslation('billing');
  const format = useBillingFormat();
  const change = useChangeSubscription();
  const [asking, setAsking] = useState<PlanCode | null>(null);
  const name = (plan: { name: { ja: string; en: string } }) =>
    i18n.language === 'en' ? plan.name.en : plan.name.ja;
  const terms = (plan: Plan) =>
    t('plan.terms', {
      fee: format.yen(plan.monthlyFee),
      included: plan.includedCalls,
      perCall: format.yen(plan.perCallFee),
    });

  if (s.state === 'not_started') {
    return (
      <Card title={t('plan.title')}>
        <p>{t('plan.beforeStart')}</p>
        <ul className="billing-list" data-testid="plan-choice">
          {s.plans.map((plan) => (
            <li key={plan.code}>
              <strong>{name(plan)}</strong> {terms(plan)}{' '}
              {plan.code === s.planChoice ? (
                <span className="badge">{t('plan.chosen')}</span>
              ) : canChange ? (
                <Button
                  variant="secondary"
                  isLoading={change.isPending}
                  onClick={() => change.mutate({ kind: 'choose-plan', planCode: plan.code })}
                >
                  {t('plan.choose', { plan: name(plan) })}
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      </Card>
    );
  }

  const current = s.plan;
  const target = s.plans.find((p) => p.code === asking);
  const blocked = s.state !== 'active';
  return (
    <Card title={t('plan.title')}>
      {current ? (
        <div data-testid="current-plan">
          <p className="billing-figure">{name(current)}</p>
          <p>{terms(current)}</p>
        </div>
      ) : (
        <p>{t('plan.ended')}</p>
      )}
      {s.pendingChange ? (
        <Alert tone="info" title={t('plan.pendingTitle')}>
          <p data-testid="pending-change">
            {t('plan.pending', {
              plan: name(s.pendingChange.plan),
              date: format.date(s.pendingChange.effectiveOn),
            })}
          </p>
          {canChange ? (
            <Button
              variant="secondary"
              isLoading={change.isPending}
              onClick={() => change.mutate({ kind: 'withdraw-plan-change' })}
            >
              {t('plan.withdraw')}
            </Button>
          ) : null}
        </Alert>
      ) : null}
      {canChange && current && !s.pendingChange && !blocked ? (
        target ? (
          <ConfirmBox
            label={t('plan.confirmTitle')}
            confirmLabel={t('plan.confirmButton', { plan: name(target) })}
            isPending={change.isPending}
            error={change.error}
            onCancel={() => {
              setAsking(null);
              change.reset();
            }}
            onConfirm={() =>
              change.mutate(
                {
                  kind: 'change-plan',
                  planCode: target.code,
                  effectiveMonth: s.dates.planChangeEffectiveOn.slice(0, 7),
                },
                { onSuccess: () => setAsking(null) },
              )
            }
          >
            <p>
              {t('plan.confirmBody', {
                from: name(current),
                to: name(target),
                date: format.date(s.dates.planChangeEffectiveOn),
                month: format.month(s.dates.planChangeEffectiveOn),
              })}
            </p>
            <p className="muted">{t('plan.rule')}</p>
          </ConfirmBox>
        ) : (
          <div className="billing-actions">
            {s.plans
              .filter((p) => p.code !== current.code)
              .map((p) => (
                <Button key={p.code} variant="secondary" onClick={() => setAsking(p.code)}>
                  {t('plan.change', { plan: name(p) })}
                </Button>
              ))}
          </div>
        )
      ) : null}
    </Card>
  );
}
