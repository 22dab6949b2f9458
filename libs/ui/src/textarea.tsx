import { FieldFrame } from './field';

export type TextareaProps = {
  label: string;
  name: string;
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
  hint?: string;
  error?: string | null;
  required?: boolean;
};

/** A multi-line field that grows with the page width and is resized only vertically. */
export function Textarea({
  label,
  name,
  value,
  onChange,
  rows = 4,
  maxLength,
  hint,
  error,
  required,
}: TextareaProps) {
  return (
    <FieldFrame label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea
          id={id}
          name={name}
          className="field__input field__textarea"
          rows={rows}
          value={value}
          maxLength={maxLength}
          required={required}
          aria-invalid={invalid}
          aria-describedby={describedBy}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </FieldFrame>
  );
}
