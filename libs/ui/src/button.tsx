import type { ReactNode } from 'react';

export type ButtonProps = {
  children: ReactNode;
  type?: 'button' | 'submit';
  variant?: 'primary' | 'secondary' | 'ghost';
  disabled?: boolean;
  isLoading?: boolean;
  onClick?: () => void;
};

export function Button({
  children,
  type = 'button',
  variant = 'primary',
  disabled = false,
  isLoading = false,
  onClick,
}: ButtonProps) {
  return (
    <button
      type={type}
      className={`button button--${variant}`}
      disabled={disabled || isLoading}
      aria-busy={isLoading || undefined}
      onClick={onClick}
    >
      {children}
    </button>
  );
}
