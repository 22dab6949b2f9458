import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import {
  useReceptionSchedule,
  useUpdateReceptionSchedule,
  type ReceptionSchedule,
} from '../api/reception-schedule';
import { formatDateTime } from './format';

type DayForm = { weekday: number; open: boolean; from: string; to: string };
type ScheduleForm = {
  days: DayForm[];
  closedDates: string;
  closedOnPublicHolidays: boolean;
  closedYearEnd: boolean;
};

function toForm(schedule: ReceptionSchedule): ScheduleForm {
  return {
    days: schedule.weekly.map((d) => ({
      weekday: d.weekday,
      open: d.open !== null,
      from: d.open ?? '09:00',
      to: d.close ?? '18:00',
    })),
    closedDates: schedule.closedDates.join('\n'),
    closedOnPublicHolidays: schedule.closedOnPublicHolidays,
    closedYearEnd: schedule.closedYearEnd,
  };
}

/** R3.5 受付時間: the platform's reception schedule; admins change it, operators read it. */
export function ReceptionSchedulePage() {
  const { t } = useTranslation('calls');
  const { t: tc } = useTranslation();
  const query = useReceptionSchedule();
  return (
    <Page title={t('schedule.title')} lead={t('schedule.lead')}>
      {query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : query.isPending ? (
        <Spinner label={t('schedule.loading')} />
      ) : (
        <ScheduleEditor key={query.data.version} schedule={query.data} />
      )}
    </Page>
  );
}

function ScheduleEditor({ schedule }: { schedule: ReceptionSchedule }) {
  const { t, i18n } = useTranslation('calls');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const isAdmin = user?.role === 'admin';
  const update = useUpdateReceptionSchedule();
  const [form, setForm] = useState<ScheduleForm>(() => toForm(schedule));
  const [saved, setSaved] = useState(false);
  const dayName = (weekday: number) => t(`weekday.${weekday}` as 'weekday.1');

  const setDay = (index: number, patch: Partial<DayForm>) =>
    setForm((f) => ({ ...f, days: f.days.map((d, i) => (i === index ? { ...d, ...patch } : d)) }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    update.mutate(
      {
        weekly: form.days.map((d) => ({
          weekday: d.weekday,
          open: d.open ? d.from : null,
          close: d.open ? d.to : null,
        })),
        closedDates: form.closedDates
          .split(/[\s,]+/)
          .map((s) => s.trim())
          .filter(Boolean),
        closedOnPublicHolidays: form.closedOnPublicHolidays,
        closedYearEnd: form.closedYearEnd,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <Card>
      <p className="muted" data-testid="open-now">
        {schedule.openNow ? t('schedule.openNow') : t('schedule.closedNow')}
        {` · ${t('schedule.updatedAt', { at: formatDateTime(schedule.updatedAt, i18n.language) })}`}
      </p>
      {saved ? <Alert tone="success">{t('schedule.saved')}</Alert> : null}
      {update.isError ? <Alert>{translate(tc, errorMessage(update.error))}</Alert> : null}
      <form className="form" onSubmit={submit}>
        <fieldset disabled={!isAdmin}>
          <legend>{t('schedule.weekly')}</legend>
          {form.days.map((day, i) => (
            <div className="field" key={day.weekday}>
              <label>
                <input
                  type="checkbox"
                  checked={day.open}
                  onChange={(e) => setDay(i, { open: e.target.checked })}
                />{' '}
                {dayName(day.weekday)}
              </label>{' '}
              <input
                type="time"
                aria-label={t('schedule.opensAt', { day: dayName(day.weekday) })}
                value={day.from}
                disabled={!day.open}
                onChange={(e) => setDay(i, { from: e.target.value })}
              />
              {' – '}
              <input
                type="text"
                inputMode="numeric"
                pattern="([01][0-9]|2[0-3]):[0-5][0-9]|24:00"
                aria-label={t('schedule.closesAt', { day: dayName(day.weekday) })}
                value={day.to}
                disabled={!day.open}
                onChange={(e) => setDay(i, { to: e.target.value })}
              />
            </div>
          ))}
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={form.closedOnPublicHolidays}
                onChange={(e) => setForm({ ...form, closedOnPublicHolidays: e.target.checked })}
              />{' '}
              {t('schedule.closedOnPublicHolidays')}
            </label>
          </div>
          <div className="field">
            <label>
              <input
                type="checkbox"
                checked={form.closedYearEnd}
                onChange={(e) => setForm({ ...form, closedYearEnd: e.target.checked })}
              />{' '}
              {t('schedule.closedYearEnd')}
            </label>
          </div>
          <div className="field">
            <label className="field__label" htmlFor="closed-dates">
              {t('schedule.closedDates')}
            </label>
            <textarea
              id="closed-dates"
              className="field__input"
              rows={4}
              value={form.closedDates}
              onChange={(e) => setForm({ ...form, closedDates: e.target.value })}
            />
            <p className="field__hint">{t('schedule.closedDatesHint')}</p>
          </div>
        </fieldset>
        {isAdmin ? (
          <Button type="submit" isLoading={update.isPending}>
            {t('schedule.save')}
          </Button>
        ) : (
          <p className="muted">{t('schedule.adminOnly')}</p>
        )}
      </form>
    </Card>
  );
}
