import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { loadCardFields, type CardFieldsAdapter } from '../../../lib/card-fields';
import { paths } from '../../../config/paths';
import { useCompleteCardSetup, useStartCardSetup, type CardSetup } from '../api/card-setup';
import { completeErrorMessage, fieldsErrorMessage } from '../lib/card-error-message';

type Phase =
  | { kind: 'idle' }
  | { kind: 'starting' }
  | { kind: 'fields'; setup: CardSetup; confirming: boolean }
  | { kind: 'redirecting' }
  | { kind: 'completing' };

export type CardRegistrationProps = {
  hasCard: boolean;
  /** R1.5: the six accepted brands, as written for people (for the refused-brand message). */
  brandNames: string[];
  /** The SetupIntent the 3-D Secure challenge came back with (?setup_intent=…), once. */
  returnedSetupIntent: string | null;
};

/**
 * R1.5, issue 17: registering or changing the card. Our API opens a SetupIntent; the card is typed
 * into the provider's own fields (Stripe's Payment Element, or the sandbox's iframe) and confirmed
 * there, with 3-D Secure when the issuer asks; then our API asks the provider what happened and
 * keeps only the brand, last four digits and expiry. This component never sees the card.
 */
export function CardRegistration({ hasCard, brandNames, returnedSetupIntent }: CardRegistrationProps) {
  const { t, i18n } = useTranslation('card');
  const { t: tc } = useTranslation();
  const start = useStartCardSetup();
  const complete = useCompleteCardSetup();
  const [phase, setPhase] = useState<Phase>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<'registered' | 'changed' | null>(null);
  const [fieldsReady, setFieldsReady] = useState(false);
  const [fieldsComplete, setFieldsComplete] = useState(false);
  const fieldsRef = useRef<HTMLDivElement>(null);
  const adapterRef = useRef<CardFieldsAdapter | null>(null);
  const hadCard = useRef(hasCard);
  const finishedReturn = useRef<string | null>(null);
  const language = i18n.language === 'en' ? 'en' : 'ja';

  const finish = (setupIntentId: string) => {
    setPhase({ kind: 'completing' });
    complete.mutate(setupIntentId, {
      onSuccess: () => {
        setDone(hadCard.current ? 'changed' : 'registered');
        setPhase({ kind: 'idle' });
      },
      onError: (err) => {
        setError(completeErrorMessage(t, tc, err, brandNames));
        setPhase({ kind: 'idle' });
      },
    });
  };

  // Back from the issuer's 3-D Secure page: our API says whether the card is now on file.
  useEffect(() => {
    if (!returnedSetupIntent || finishedReturn.current === returnedSetupIntent) return;
    finishedReturn.current = returnedSetupIntent;
    finish(returnedSetupIntent);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per returned SetupIntent
  }, [returnedSetupIntent]);

  // The provider's fields live in their own element, outside React's tree.
  const setup = phase.kind === 'fields' ? phase.setup : null;
  useEffect(() => {
    const element = fieldsRef.current;
    if (!setup || !element) return;
    let cancelled = false;
    setFieldsReady(false);
    setFieldsComplete(false);
    loadCardFields(setup.cardFields, language)
      .then(async (adapter) => {
        if (cancelled) return;
        adapterRef.current = adapter;
        await adapter.mount(element, {
          clientSecret: setup.clientSecret,
          title: t('form.fieldsTitle'),
          onReady: () => setFieldsReady(true),
          onChange: setFieldsComplete,
        });
      })
      .catch(() => {
        if (cancelled) return;
        setError(t('errors.network'));
        setPhase({ kind: 'idle' });
      });
    return () => {
      cancelled = true;
      adapterRef.current?.unmount();
      adapterRef.current = null;
    };
  }, [setup, language, t]);

  const onStart = () => {
    setError(null);
    setDone(null);
    hadCard.current = hasCard;
    setPhase({ kind: 'starting' });
    start.mutate(undefined, {
      onSuccess: (answer) => setPhase({ kind: 'fields', setup: answer, confirming: false }),
      onError: (err) => {
        setError(completeErrorMessage(t, tc, err, brandNames));
        setPhase({ kind: 'idle' });
      },
    });
  };

  const onConfirm = async () => {
    const adapter = adapterRef.current;
    if (!setup || !adapter || phase.kind !== 'fields' || phase.confirming) return;
    setError(null);
    setPhase({ ...phase, confirming: true });
    const result = await adapter.confirmSetup({
      clientSecret: setup.clientSecret,
      returnUrl: `${window.location.origin}${paths.card}`,
    });
    if (result.status === 'redirecting') setPhase({ kind: 'redirecting' });
    else if (result.status === 'succeeded') finish(result.intentId);
    else {
      setError(fieldsErrorMessage(t, result.code));
      setPhase({ kind: 'idle' });
    }
  };

  const heading = hasCard ? t('form.headingChange') : t('form.headingRegister');
  const showFields = phase.kind === 'fields';
  return (
    <Card title={heading}>
      <p className="muted">{t('form.lead')}</p>
      <div className="form" data-testid="card-registration">
        {error ? <Alert>{error}</Alert> : null}
        {done ? <Alert tone="success">{t(`form.${done}`)}</Alert> : null}
        {phase.kind === 'redirecting' ? <Spinner label={t('form.redirecting')} /> : null}
        {phase.kind === 'completing' ? <Spinner label={t('form.completing')} /> : null}
        {showFields && !fieldsReady ? <Spinner label={t('form.fieldsLoading')} /> : null}
        {/* Kept in the tree while confirming: the provider's fields answer from inside it. */}
        <div ref={fieldsRef} className="card-fields" hidden={!showFields} />
        {showFields ? (
          <div className="card-fields__actions">
            <Button
              onClick={() => void onConfirm()}
              isLoading={phase.confirming}
              disabled={!fieldsReady || !fieldsComplete}
            >
              {phase.confirming
                ? t('form.submitting')
                : hasCard
                  ? t('form.submitChange')
                  : t('form.submitRegister')}
            </Button>{' '}
            <Button variant="ghost" disabled={phase.confirming} onClick={() => setPhase({ kind: 'idle' })}>
              {t('form.cancel')}
            </Button>
          </div>
        ) : phase.kind === 'idle' || phase.kind === 'starting' ? (
          <div>
            <Button onClick={onStart} isLoading={phase.kind === 'starting'}>
              {phase.kind === 'starting'
                ? t('form.starting')
                : error
                  ? t('form.retry')
                  : hasCard
                    ? t('form.startChange')
                    : t('form.start')}
            </Button>
          </div>
        ) : null}
      </div>
    </Card>
  );
}
