import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useCatalogue, type Catalogue, type CataloguePlan } from '../api/get-catalogue';
import { useYen } from './use-yen';

const KNOWN_PLANS = ['standard', 'luxury'] as const;
const KNOWN_OPTIONS = ['qa', 'out_of_hours_announcement', 'rental_address'] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

/** A name from the catalogue: ours for the codes we know, else the API's in the current language. */
function useItemName() {
  const { t, i18n } = useTranslation('public');
  const localName = (name: { ja: string; en: string }) => (i18n.language === 'en' ? name.en : name.ja);
  return {
    plan: (plan: { code: string; name: { ja: string; en: string } }) =>
      isOneOf(KNOWN_PLANS, plan.code) ? t(`pricing.planNames.${plan.code}`) : localName(plan.name),
    option: (option: { code: string; name: { ja: string; en: string } }) =>
      isOneOf(KNOWN_OPTIONS, option.code) ? t(`pricing.optionNames.${option.code}`) : localName(option.name),
  };
}

function PlanCard({ plan }: { plan: CataloguePlan }) {
  const { t } = useTranslation('public');
  const money = useYen();
  const name = useItemName();
  return (
    <Card title={name.plan(plan)}>
      <dl className="details" data-testid={`plan-${plan.code}`}>
        <dt>{t('pricing.monthlyFee')}</dt>
        <dd className="price">{money.perMonth(plan.monthlyFee)}</dd>
        <dt>{t('pricing.includedCalls')}</dt>
        <dd>{t('pricing.includedCallsValue', { count: plan.includedCalls })}</dd>
        <dt>{t('pricing.extraCall')}</dt>
        <dd>
          {t('pricing.extraCallValue', {
            incl: money.format(plan.perCallFee),
            excl: money.format(plan.perCallFeeTaxExcluded),
          })}
        </dd>
      </dl>
    </Card>
  );
}

function DailyRateTable({ plans }: { plans: CataloguePlan[] }) {
  const { t } = useTranslation('public');
  const money = useYen();
  const name = useItemName();
  const lengths = plans[0]?.dailyRates.map((row) => row.daysInMonth) ?? [];
  return (
    <table className="public-table" data-testid="daily-rates">
      <caption>{t('pricing.dailyRateCaption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('pricing.daysColumn')}</th>
          {plans.map((plan) => (
            <th scope="col" key={plan.code}>
              {name.plan(plan)}
              <br />
              <span className="muted">{money.perMonth(plan.monthlyFee)}</span>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {lengths.map((days) => (
          <tr key={days}>
            <th scope="row">{t('pricing.daysValue', { count: days })}</th>
            {plans.map((plan) => {
              const rate = plan.dailyRates.find((row) => row.daysInMonth === days)?.dailyRate;
              return <td key={plan.code}>{rate === undefined ? '—' : money.perDay(rate)}</td>;
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function CatalogueView({ catalogue }: { catalogue: Catalogue }) {
  const { t, i18n } = useTranslation('public');
  const money = useYen();
  const name = useItemName();
  const example = catalogue.plans[0];
  const exampleRate = example?.dailyRates.find((row) => row.daysInMonth === 30)?.dailyRate;
  const asOf = new Intl.DateTimeFormat(i18n.language === 'en' ? 'en-GB' : 'ja-JP', {
    dateStyle: 'long',
    timeZone: 'UTC',
  }).format(new Date(`${catalogue.asOf}T00:00:00Z`));
  return (
    <>
      <p className="muted">{t('pricing.asOf', { date: asOf })}</p>

      <section className="public-section" aria-labelledby="pricing-plans">
        <h2 id="pricing-plans">{t('pricing.plansHeading')}</h2>
        <div className="grid">
          {catalogue.plans.map((plan) => (
            <PlanCard key={plan.code} plan={plan} />
          ))}
        </div>
        <p className="muted">{t('pricing.countedNote')}</p>
      </section>

      {catalogue.options.length > 0 ? (
        <section className="public-section" aria-labelledby="pricing-options">
          <h2 id="pricing-options">{t('pricing.optionsHeading')}</h2>
          <p>{t('pricing.optionsLead')}</p>
          <table className="public-table" data-testid="options">
            <thead>
              <tr>
                <th scope="col">{t('pricing.optionColumn')}</th>
                <th scope="col">{t('pricing.priceColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {catalogue.options.map((option) => (
                <tr key={option.code}>
                  <th scope="row">
                    {name.option(option)}
                    {isOneOf(KNOWN_OPTIONS, option.code) ? (
                      <span className="public-table__note">
                        {t(`pricing.optionDescriptions.${option.code}`)}
                      </span>
                    ) : null}
                  </th>
                  <td>{money.perMonth(option.monthlyFee)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}

      {catalogue.initialFee ? (
        <section className="public-section" aria-labelledby="pricing-initial-fee">
          <h2 id="pricing-initial-fee">{t('pricing.initialFeeHeading')}</h2>
          <p data-testid="initial-fee">
            {t('pricing.initialFeeBody', { amount: money.yen(catalogue.initialFee.amount) })}
          </p>
        </section>
      ) : null}

      {catalogue.plans.length > 0 ? (
        <section className="public-section" aria-labelledby="pricing-pro-rata">
          <h2 id="pricing-pro-rata">{t('pricing.proRataHeading')}</h2>
          <p>{t('pricing.proRataBody')}</p>
          <DailyRateTable plans={catalogue.plans} />
          {example && exampleRate !== undefined ? (
            <p className="muted">
              {t('pricing.proRataExample', {
                plan: name.plan(example),
                rate: money.format(exampleRate),
                total: money.format(exampleRate * 10),
              })}
            </p>
          ) : null}
        </section>
      ) : null}

      <section className="public-section" aria-labelledby="pricing-billing">
        <h2 id="pricing-billing">{t('pricing.billingHeading')}</h2>
        <ul>
          <li>{t('pricing.billingItems.monthly')}</li>
          <li>{t('pricing.billingItems.firstDay')}</li>
          <li>{t('pricing.billingItems.planChange')}</li>
          <li>{t('pricing.billingItems.minimum')}</li>
        </ul>
      </section>
    </>
  );
}

/** The pricing page's body: today's catalogue from GET /api/v1/catalogue. */
export function Pricing() {
  const { t } = useTranslation('public');
  const { t: tc } = useTranslation();
  const catalogue = useCatalogue();
  if (catalogue.isPending) return <Spinner label={t('pricing.loading')} />;
  if (catalogue.isError) {
    return (
      <Alert title={t('pricing.loadError')}>
        <p>{translate(tc, errorMessage(catalogue.error))}</p>
        <Button variant="secondary" onClick={() => void catalogue.refetch()}>
          {t('pricing.retry')}
        </Button>
      </Alert>
    );
  }
  return <CatalogueView catalogue={catalogue.data} />;
}
