import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Card, Checkbox, DateField } from '@bc/ui';
import {
  CALLBACK_FILTERS,
  INQUIRY_CATEGORIES,
  INQUIRY_STATUSES,
  type CallbackFilter,
  type InquiryCategory,
  type InquiryFilters,
  type InquiryStatus,
} from '../api/inquiry-filters';
import { useAssignees } from '../api/inbox';

export type InquiryFiltersFormProps = {
  filters: InquiryFilters;
  onApply: (filters: InquiryFilters) => void;
};

/** Status, 折り返し, categories, days and a keyword; applied into the page's URL. */
export function InquiryFiltersForm({ filters, onApply }: InquiryFiltersFormProps) {
  const { t } = useTranslation('inquiries');
  const id = useId();
  const [draft, setDraft] = useState<InquiryFilters>(filters);
  const assignees = useAssignees();
  const set = (patch: Partial<InquiryFilters>) => setDraft((d) => ({ ...d, ...patch }));
  const toggleCategory = (category: InquiryCategory) => {
    const current = draft.category ?? [];
    const next = current.includes(category) ? current.filter((c) => c !== category) : [...current, category];
    set({ category: next.length > 0 ? next : undefined });
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onApply({ ...draft, q: draft.q?.trim() || undefined });
  };
  const clear = () => {
    setDraft({});
    onApply({});
  };

  return (
    <Card title={t('filters.heading')}>
      <form className="form" role="search" aria-label={t('filters.heading')} onSubmit={onSubmit}>
        <div className="inquiry-filters">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-q`}>
              {t('filters.q')}
            </label>
            <input
              id={`${id}-q`}
              className="field__input"
              type="search"
              name="q"
              maxLength={100}
              value={draft.q ?? ''}
              aria-describedby={`${id}-q-hint`}
              onChange={(e) => set({ q: e.target.value })}
            />
            <p id={`${id}-q-hint`} className="field__hint">
              {t('filters.qHint')}
            </p>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-status`}>
              {t('filters.status')}
            </label>
            <select
              id={`${id}-status`}
              className="field__input"
              value={draft.status ?? ''}
              onChange={(e) => set({ status: (e.target.value || undefined) as InquiryStatus | undefined })}
            >
              <option value="">{t('filters.any')}</option>
              {INQUIRY_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {t(`status.${s}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-callback`}>
              {t('filters.callback')}
            </label>
            <select
              id={`${id}-callback`}
              className="field__input"
              value={draft.callback ?? ''}
              onChange={(e) => set({ callback: (e.target.value || undefined) as CallbackFilter | undefined })}
            >
              <option value="">{t('filters.any')}</option>
              {CALLBACK_FILTERS.map((c) => (
                <option key={c} value={c}>
                  {t(`callback.${c}`)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-assignee`}>
              {t('filters.assignee')}
            </label>
            <select
              id={`${id}-assignee`}
              className="field__input"
              value={draft.assignee ?? ''}
              onChange={(e) => set({ assignee: e.target.value || undefined })}
            >
              <option value="">{t('filters.any')}</option>
              <option value="me">{t('filters.assigneeMe')}</option>
              <option value="unassigned">{t('filters.assigneeNone')}</option>
              {(assignees.data ?? []).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.name}
                </option>
              ))}
            </select>
          </div>
          <DateField
            label={t('filters.from')}
            name="from"
            calendarLabel={t('filters.calendar')}
            value={draft.from ?? ''}
            onChange={(value) => set({ from: value || undefined })}
          />
          <DateField
            label={t('filters.to')}
            name="to"
            calendarLabel={t('filters.calendar')}
            value={draft.to ?? ''}
            onChange={(value) => set({ to: value || undefined })}
          />
        </div>
        <fieldset className="inquiry-filters__categories">
          <legend className="field__label">{t('filters.category')}</legend>
          {INQUIRY_CATEGORIES.map((c) => (
            <Checkbox
              key={c}
              checked={draft.category?.includes(c) ?? false}
              onChange={() => toggleCategory(c)}
            >
              {t(`category.${c}`)}
            </Checkbox>
          ))}
        </fieldset>
        <div className="inquiry-toolbar">
          <Button type="submit">{t('filters.apply')}</Button>
          <Button variant="ghost" onClick={clear}>
            {t('filters.clear')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
