import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useEffect, useState } from 'react';
import { Alert, Spinner } from '@bc/ui';
import { Page, errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useCard } from '../api/get-card';
import { usePaymentsConfig } from '../api/get-payments-config';
import { AcceptedBrands } from './accepted-brands';
import { CardRegistration } from './card-registration';
import { CurrentCard } from './current-card';
import './card.css';

/**
 * The SetupIntent a 3-D Secure challenge came back with (`?setup_intent=…&redirect_status=…`), read
 * once and taken out of the address bar (it also carries the intent's client secret).
 */
function useReturnedSetupIntent(): string | null {
  const [params, setParams] = useSearchParams();
  const [returned] = useState(() => params.get('setup_intent'));
  useEffect(() => {
    if (params.has('setup_intent') || params.has('setup_intent_client_secret')) {
      setParams({}, { replace: true });
    }
  }, [params, setParams]);
  return returned && /^seti_\w+$/.test(returned) ? returned : null;
}

/** クレジットカード (R1.5): the registered card, the accepted brands, and (owner only) the fields. */
export function CardPage() {
  const { t } = useTranslation('card');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const card = useCard();
  const config = usePaymentsConfig();
  const returnedSetupIntent = useReturnedSetupIntent();
  const isOwner = user?.role === 'owner';
  const error = card.error ?? config.error;
  const brands = config.data?.acceptedBrands ?? [];
  return (
    <Page title={t('title')} lead={t('lead')} width="narrow">
      {card.isPending || config.isPending ? (
        <Spinner label={t('loading')} />
      ) : error ? (
        <Alert>{translate(tc, errorMessage(error))}</Alert>
      ) : (
        <div className="grid">
          <CurrentCard card={card.data ?? null} />
          {isOwner ? (
            <CardRegistration
              hasCard={Boolean(card.data)}
              brandNames={brands.map((b) => b.name)}
              returnedSetupIntent={returnedSetupIntent}
            />
          ) : (
            <Alert tone="info">{t('ownerOnly')}</Alert>
          )}
          <AcceptedBrands brands={brands} />
        </div>
      )}
    </Page>
  );
}
