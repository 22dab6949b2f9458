import { FieldFrame } from './field';

export type SelectOption<V extends string> = { value: V; label: string };

export type SelectProps<V extends string> = {
  label: string;
  name: string;
  value: V;
  options: readonly SelectOption<V>[];
  onChange: (value: V) => void;
  hint?: string;
  error?: string | null;
  disabled?: boolean;
};

/** A native select (the phone's own picker on phones), labelled like every other field. */
export function Select<V extends string>({
  label,
  name,
  value,
  options,
  onChange,
  hint,
  error,
  disabled,
}: SelectProps<V>) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <select
          id={id}
          name={name}
          className="field__input field__select"
          value={value}
          disabled={disabled}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value as V)}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FieldFrame>
  );
}
