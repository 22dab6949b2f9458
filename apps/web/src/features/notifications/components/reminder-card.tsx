import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { useReminderSettings, useUpdateReminderSettings } from '../api/reminder';

/** The choices offered; the API takes any minute count from 0 to 1440. */
const CHOICES = [0, 30, 60, 120, 180, 240, 480, 1440] as const;

/**
 * R8.2 on the notifications page: when a 折り返し必要 inquiry still unhandled is sent again as a
 * reminder. Owners choose; members see the setting.
 */
export function ReminderCard() {
  const { t } = useTranslation('notifications');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const isOwner = user?.role === 'owner';
  const settings = useReminderSettings();
  const update = useUpdateReminderSettings();
  const [choice, setChoice] = useState<number | null>(null);
  const [saved, setSaved] = useState(false);

  const label = (minutes: number) =>
    minutes === 0
      ? t('reminder.off')
      : minutes % 60 === 0
        ? t('reminder.hours', { count: minutes / 60 })
        : t('reminder.minutes', { count: minutes });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (choice === null) return;
    setSaved(false);
    update.mutate(choice, { onSuccess: () => setSaved(true) });
  };

  return (
    <Card title={t('reminder.heading')}>
      <div data-testid="reminder-card">
        <p>{t('reminder.lead')}</p>
        {settings.isPending ? (
          <Spinner label={tc('app.loading')} />
        ) : settings.isError ? (
          <Alert>{translate(tc, errorMessage(settings.error))}</Alert>
        ) : isOwner ? (
          <form className="form" onSubmit={onSubmit}>
            <div className="field">
              <label className="field__label" htmlFor="reminder-minutes">
                {t('reminder.label')}
              </label>
              <select
                id="reminder-minutes"
                className="field__input"
                value={choice ?? settings.data.callbackReminderMinutes}
                onChange={(e) => {
                  setChoice(Number(e.target.value));
                  setSaved(false);
                }}
              >
                {[...new Set([...CHOICES, settings.data.callbackReminderMinutes])]
                  .sort((x, y) => x - y)
                  .map((m) => (
                    <option key={m} value={m}>
                      {label(m)}
                    </option>
                  ))}
              </select>
            </div>
            {update.isError ? <Alert>{translate(tc, errorMessage(update.error))}</Alert> : null}
            {saved ? <Alert tone="success">{t('reminder.saved')}</Alert> : null}
            <Button type="submit" isLoading={update.isPending} disabled={choice === null}>
              {t('reminder.save')}
            </Button>
          </form>
        ) : (
          <p>
            <strong>{label(settings.data.callbackReminderMinutes)}</strong>{' '}
            <span className="muted">{t('reminder.ownerChanges')}</span>
          </p>
        )}
      </div>
    </Card>
  );
}
