import { useId } from 'react';

export type StateFilterProps<S extends string> = {
  label: string;
  value: S | '';
  options: readonly { value: S | ''; label: string }[];
  onChange: (value: S | '') => void;
};

/** A labelled select for filtering a list by state ('' = all). */
export function StateFilter<S extends string>({ label, value, options, onChange }: StateFilterProps<S>) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select
        id={id}
        className="field__input"
        value={value}
        onChange={(event) => onChange(event.target.value as S | '')}
      >
        {options.map((option) => (
          <option key={option.value || 'all'} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
