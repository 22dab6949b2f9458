import type { ReactNode } from 'react';

export type CheckboxProps = {
  children: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  name?: string;
  disabled?: boolean;
  /** For a checkbox whose visible text is not enough (e.g. "select this row"). */
  'aria-label'?: string;
};

/** A native checkbox with its label as one click target, aligned with the text's first line. */
export function Checkbox({
  children,
  checked,
  onChange,
  name,
  disabled,
  'aria-label': ariaLabel,
}: CheckboxProps) {
  return (
    <label className={`checkbox${disabled ? ' checkbox--disabled' : ''}`}>
      <input
        type="checkbox"
        className="checkbox__input"
        name={name}
        checked={checked}
        disabled={disabled}
        aria-label={ariaLabel}
        onChange={(event) => onChange(event.target.checked)}
      />
      <span className="checkbox__label">{children}</span>
    </label>
  );
}
