import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, Checkbox, Spinner, Textarea, TimeField } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import {
  useReceptionSchedule,
  useUpdateReceptionSchedule,
  type ReceptionSchedule,
} from '../api/reception-schedule';
import { formatDateTime } from '../../../lib/live-calls/format';

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
        <fieldset className="schedule" disabled={!isAdmin}>
          <legend className="card__title">{t('schedule.weekly')}</legend>
          {/* One line a day: open or closed, then the hours in 24-hour time (24:00 = midnight). */}
          <div className="schedule__days">
            {form.days.map((day, i) => (
              <div className="schedule__day" key={day.weekday}>
                <Checkbox checked={day.open} onChange={(open) => setDay(i, { open })}>
                  {dayName(day.weekday)}
                </Checkbox>
                <TimeField
                  label={t('schedule.opensAt', { day: dayName(day.weekday) })}
                  value={day.from}
                  disabled={!day.open || !isAdmin}
                  onChange={(from) => setDay(i, { from })}
                />
                <span aria-hidden="true">〜</span>
                <TimeField
                  label={t('schedule.closesAt', { day: dayName(day.weekday) })}
                  value={day.to}
                  disabled={!day.open || !isAdmin}
                  onChange={(to) => setDay(i, { to })}
                />
                {!day.open ? <span className="muted">{t('schedule.closedDay')}</span> : null}
              </div>
            ))}
          </div>
          <div className="schedule__options">
            <Checkbox
              checked={form.closedOnPublicHolidays}
              onChange={(closedOnPublicHolidays) => setForm({ ...form, closedOnPublicHolidays })}
            >
              {t('schedule.closedOnPublicHolidays')}
            </Checkbox>
            <Checkbox
              checked={form.closedYearEnd}
              onChange={(closedYearEnd) => setForm({ ...form, closedYearEnd })}
            >
              {t('schedule.closedYearEnd')}
            </Checkbox>
          </div>
          <Textarea
            label={t('schedule.closedDates')}
            name="closed-dates"
            rows={4}
            value={form.closedDates}
            hint={t('schedule.closedDatesHint')}
            onChange={(closedDates) => setForm({ ...form, closedDates })}
          />
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
