import { useTranslation } from 'react-i18next';
import { Alert, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useCard } from '../api/get-card';
import { usePaymentsConfig } from '../api/get-payments-config';
import { AcceptedBrands } from './accepted-brands';
import { CardForm } from './card-form';
import { CurrentCard } from './current-card';

/** クレジットカード (R1.5): the registered card, the accepted brands, and (owner only) the form. */
export function CardPage() {
  const { t } = useTranslation('card');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const card = useCard();
  const config = usePaymentsConfig();
  const isOwner = user?.role === 'owner';
  const error = card.error ?? config.error;
  return (
    <Page title={t('title')} lead={t('lead')} width="narrow">
      {card.isPending || config.isPending ? (
        <Spinner label={t('loading')} />
      ) : error ? (
        <Alert>{translate(tc, errorMessage(error))}</Alert>
      ) : (
        <div className="grid">
          <CurrentCard card={card.data ?? null} />
          <AcceptedBrands brands={config.data?.acceptedBrands ?? []} />
          {isOwner && config.data ? (
            <CardForm config={config.data} hasCard={Boolean(card.data)} />
          ) : (
            <Alert tone="info">{t('ownerOnly')}</Alert>
          )}
        </div>
      )}
    </Page>
  );
}
