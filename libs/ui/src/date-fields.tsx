import { useRef, useState, type ReactNode } from 'react';
import { FieldFrame } from './field';

// Date, month and time fields that always read the Japanese way (2026/12/07, 2026年12月, 18:00),
// whatever language the browser itself runs in: native date and time inputs follow the browser's
// locale and showed 「mm/dd/yyyy」 and 「09:00 AM」 on an English system. Values stay ISO
// (YYYY-MM-DD, YYYY-MM, HH:MM) for the API.

const toHalfWidth = (text: string) =>
  text.replace(/[０-９／：－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).trim();

/** '2026/12/7', '2026-12-07', '２０２６／１２／０７' → '2026-12-07'; anything else → null. */
export function parseJapaneseDate(text: string): string | null {
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(toHalfWidth(text));
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** '2026-12-07' → '2026/12/07'. */
export const formatJapaneseDate = (iso: string) => iso.replaceAll('-', '/');

export type DateFieldProps = {
  label: string;
  name: string;
  /** YYYY-MM-DD, or '' for none. */
  value: string;
  onChange: (value: string) => void;
  /** The calendar button's accessible name (e.g. 「カレンダーから選ぶ」). */
  calendarLabel: string;
  hint?: ReactNode;
  error?: string | null;
};

/**
 * Typed as 2026/12/07 (full-width digits too) or picked from the browser's calendar. A value that
 * is not a date is kept as typed and reported through `error` by the caller's validation; the
 * field itself only hands over valid dates or ''.
 */
export function DateField({ label, name, value, onChange, calendarLabel, hint, error }: DateFieldProps) {
  const [text, setText] = useState(value ? formatJapaneseDate(value) : '');
  const [lastValue, setLastValue] = useState(value);
  const picker = useRef<HTMLInputElement>(null);
  if (value !== lastValue) {
    // The value changed from outside (e.g. 条件をクリア): show it.
    setLastValue(value);
    setText(value ? formatJapaneseDate(value) : '');
  }
  const commit = (typed: string) => {
    setText(typed);
    const parsed = typed.trim() === '' ? '' : parseJapaneseDate(typed);
    if (parsed !== null && parsed !== value) {
      setLastValue(parsed);
      onChange(parsed);
    }
  };
  return (
    <FieldFrame label={label} hint={hint} error={error} className="date-field">
      {({ id, describedBy, invalid }) => (
        <div className="date-field__control">
          <input
            id={id}
            name={name}
            className="field__input date-field__input"
            inputMode="numeric"
            placeholder="YYYY/MM/DD"
            autoComplete="off"
            value={text}
            aria-invalid={invalid}
            aria-describedby={describedBy}
            onChange={(event) => commit(event.target.value)}
          />
          <button
            type="button"
            className="date-field__calendar"
            aria-label={calendarLabel}
            title={calendarLabel}
            onClick={() => picker.current?.showPicker?.()}
          >
            <svg viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
              <path
                fill="currentColor"
                d="M4 1h1v2h6V1h1v2h2.5A1.5 1.5 0 0 1 16 4.5v9A1.5 1.5 0 0 1 14.5 15h-13A1.5 1.5 0 0 1 0 13.5v-9A1.5 1.5 0 0 1 1.5 3H4V1zm-2.5 6v6.5c0 .3.2.5.5.5h12c.3 0 .5-.2.5-.5V7h-13z"
              />
            </svg>
          </button>
          {/* The browser's own calendar, opened by the button; never focused or announced. */}
          <input
            ref={picker}
            type="date"
            className="date-field__native"
            tabIndex={-1}
            aria-hidden="true"
            value={value}
            onChange={(event) => commit(event.target.value ? formatJapaneseDate(event.target.value) : '')}
          />
        </div>
      )}
    </FieldFrame>
  );
}

export type MonthPickerProps = {
  label: string;
  name: string;
  /** YYYY-MM. */
  value: string;
  onChange: (value: string) => void;
  /** Years offered, e.g. last year to next year (ignored with `allowed`). */
  years?: readonly number[];
  /**
   * Only these months (YYYY-MM) may be chosen, e.g. the months a billing run may bill: the year
   * select offers their years, the month select that year's months; changing the year picks that
   * year's newest allowed month.
   */
  allowed?: readonly string[];
  /** 'ja' shows 2026年 / 12月; 'en' shows 2026 / December. */
  language: string;
  yearLabel: string;
  monthLabel: string;
  hint?: ReactNode;
  error?: string | null;
};

/** A month as two selects (year, month): no free text to mistype. */
export function MonthPicker({
  label,
  name,
  value,
  onChange,
  years = [],
  allowed,
  language,
  yearLabel,
  monthLabel,
  hint,
  error,
}: MonthPickerProps) {
  const [year, month] = value.split('-');
  const offeredYears = allowed
    ? [...new Set(allowed.map((m) => Number(m.slice(0, 4))))].sort((a, b) => a - b)
    : years;
  const offeredMonths = Array.from({ length: 12 }, (_, index) => String(index + 1).padStart(2, '0')).filter(
    (mm) => !allowed || allowed.includes(`${year}-${mm}`),
  );
  const chooseYear = (nextYear: string) => {
    if (!allowed) return onChange(`${nextYear}-${month}`);
    const inYear = allowed.filter((m) => m.startsWith(`${nextYear}-`)).sort();
    onChange(inYear.includes(`${nextYear}-${month}`) ? `${nextYear}-${month}` : inYear[inYear.length - 1]);
  };
  const monthName = new Intl.DateTimeFormat(language === 'ja' ? 'ja-JP' : 'en-GB', { month: 'long' });
  const hintId = `${name}-hint`;
  return (
    <fieldset
      className={`field month-picker${error ? ' field--invalid' : ''}`}
      aria-describedby={hint ? hintId : undefined}
    >
      <legend className="field__label">{label}</legend>
      <div className="month-picker__controls">
        <select
          name={`${name}-year`}
          className="field__input field__select"
          aria-label={yearLabel}
          value={year}
          onChange={(event) => chooseYear(event.target.value)}
        >
          {offeredYears.map((y) => (
            <option key={y} value={String(y)}>
              {language === 'ja' ? `${y}年` : y}
            </option>
          ))}
        </select>
        <select
          name={`${name}-month`}
          className="field__input field__select"
          aria-label={monthLabel}
          value={month}
          onChange={(event) => onChange(`${year}-${event.target.value}`)}
        >
          {offeredMonths.map((mm) => (
            <option key={mm} value={mm}>
              {monthName.format(new Date(Date.UTC(2026, Number(mm) - 1, 15)))}
            </option>
          ))}
        </select>
      </div>
      {error ? <p className="field__error">{error}</p> : null}
      {hint ? (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      ) : null}
    </fieldset>
  );
}

const TIME = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** '9:00', '0900', '９：００' → '09:00'; '24:00' allowed (end of day); anything else → null. */
export function parseTime(text: string): string | null {
  const half = toHalfWidth(text);
  const match = /^(\d{1,2}):?(\d{2})$/.exec(half);
  if (!match) return null;
  const time = `${match[1].padStart(2, '0')}:${match[2]}`;
  return TIME.test(time) ? time : null;
}

export type TimeFieldProps = {
  label: string;
  value: string;
  onChange: (value: string) => void;
  disabled?: boolean;
  error?: string | null;
};

/** A 24-hour time (18:00, never 6:00 PM), typed; a compact field for tables of hours. */
export function TimeField({ label, value, onChange, disabled, error }: TimeFieldProps) {
  const [text, setText] = useState(value);
  const [lastValue, setLastValue] = useState(value);
  if (value !== lastValue) {
    setLastValue(value);
    setText(value);
  }
  const invalid = Boolean(error) || (text !== '' && parseTime(text) === null);
  return (
    <input
      className={`field__input time-field${invalid ? ' time-field--invalid' : ''}`}
      aria-label={label}
      inputMode="numeric"
      placeholder="09:00"
      maxLength={5}
      value={text}
      disabled={disabled}
      aria-invalid={invalid || undefined}
      onChange={(event) => {
        setText(event.target.value);
        const parsed = parseTime(event.target.value);
        if (parsed) {
          setLastValue(parsed);
          onChange(parsed);
        }
      }}
      onBlur={() => {
        const parsed = parseTime(text);
        setText(parsed ?? text);
      }}
    />
  );
}

/** '2026-12' → 「2026年12月」 in Japanese, 'December 2026' in English (for month lists). */
export function formatMonth(yearMonth: string, language: string): string {
  const [year, month] = yearMonth.split('-').map(Number);
  if (language === 'ja') return `${year}年${month}月`;
  return new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(
    new Date(Date.UTC(year, month - 1, 15)),
  );
}
