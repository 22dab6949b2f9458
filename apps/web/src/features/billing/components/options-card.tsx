import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card } from '@bc/ui';
import { useChangeSubscription } from '../api/change-subscription';
import type { OptionCode, Subscription } from '../api/get-subscription';
import { ConfirmBox } from './confirm-box';
import { useBillingFormat } from './use-billing-format';

export type OptionsCardProps = { subscription: Subscription; canChange: boolean };

type Asking = { kind: 'add' | 'drop'; code: OptionCode } | null;

/** R2.7: the options taken and those that can be added, each with its monthly price. */
export function OptionsCard({ subscription: s, canChange }: OptionsCardProps) {
  const { t, i18n } = useTranslation('billing');
  const format = useBillingFormat();
  const change = useChangeSubscription();
  const [asking, setAsking] = useState<Asking>(null);
  const name = (o: { name: { ja: string; en: string } }) => (i18n.language === 'en' ? o.name.en : o.name.ja);
  const editable = canChange && s.state === 'active';
  const close = () => {
    setAsking(null);
    change.reset();
  };

  const confirm = (code: OptionCode, kind: 'add' | 'drop') => {
    const taken = s.options.find((o) => o.code === code);
    const option = taken ?? s.availableOptions.find((o) => o.code === code)!;
    const body =
      kind === 'add'
        ? t('options.confirmAdd', { option: name(option), date: format.date(s.dates.optionStartsOn) })
        : taken?.status === 'scheduled'
          ? t('options.confirmRemove', { option: name(option) })
          : t('options.confirmDrop', { option: name(option), date: format.date(s.dates.optionDropEndsOn) });
    return (
      <ConfirmBox
        label={kind === 'add' ? t('options.add') : t('options.drop')}
        confirmLabel={kind === 'add' ? t('options.confirmAddButton') : t('options.confirmDropButton')}
        isPending={change.isPending}
        error={change.error}
        onCancel={close}
        onConfirm={() =>
          change.mutate(
            { kind: kind === 'add' ? 'add-option' : 'drop-option', optionCode: code },
            { onSuccess: () => setAsking(null) },
          )
        }
      >
        <p>{body}</p>
      </ConfirmBox>
    );
  };

  return (
    <Card title={t('options.title')}>
      {s.options.length === 0 ? <p className="muted">{t('options.none')}</p> : null}
      <ul className="billing-list" data-testid="taken-options">
        {s.options.map((o) => (
          <li key={o.code}>
            <strong>{name(o)}</strong>{' '}
            {o.monthlyFee !== null ? t('options.perMonth', { fee: format.yen(o.monthlyFee) }) : null}{' '}
            <span className="muted">
              {o.status === 'scheduled'
                ? t('options.startsOn', { date: format.date(o.startsOn) })
                : o.status === 'ending' && o.endsOn
                  ? t('options.endsOn', { date: format.date(o.endsOn) })
                  : t('options.active')}
            </span>
            {editable && o.status !== 'ending' && !asking ? (
              <Button variant="ghost" onClick={() => setAsking({ kind: 'drop', code: o.code })}>
                {t('options.drop')}
              </Button>
            ) : null}
            {asking?.kind === 'drop' && asking.code === o.code ? confirm(o.code, 'drop') : null}
          </li>
        ))}
      </ul>
      {s.availableOptions.length > 0 ? (
        <>
          <h3 className="billing-subtitle">{t('options.available')}</h3>
          <ul className="billing-list" data-testid="available-options">
            {s.availableOptions.map((o) => (
              <li key={o.code}>
                <strong>{name(o)}</strong> {t('options.perMonth', { fee: format.yen(o.monthlyFee) })}{' '}
                {editable && !asking ? (
                  <Button variant="secondary" onClick={() => setAsking({ kind: 'add', code: o.code })}>
                    {t('options.addOne', { option: name(o) })}
                  </Button>
                ) : null}
                {asking?.kind === 'add' && asking.code === o.code ? confirm(o.code, 'add') : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </Card>
  );
}
