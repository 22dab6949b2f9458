import type { ReactNode } from 'react';

export type AlertProps = {
  children: ReactNode;
  tone?: 'error' | 'info' | 'success';
  title?: string;
};

/** Errors are announced immediately (role="alert"); other tones politely (role="status"). */
export function Alert({ children, tone = 'error', title }: AlertProps) {
  return (
    <div className={`alert alert--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      {title ? <p className="alert__title">{title}</p> : null}
      <div className="alert__body">{children}</div>
    </div>
  );
}
