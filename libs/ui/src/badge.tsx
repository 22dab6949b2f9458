import type { ReactNode } from 'react';

/** The few tones a state can have; each app maps its states onto them in one place. */
export type BadgeTone = 'neutral' | 'info' | 'success' | 'warning' | 'danger' | 'muted';

export type StatusBadgeProps = { tone: BadgeTone; children: ReactNode };

/** A state as a small pill that never wraps (「未対応」 stays one word). */
export function StatusBadge({ tone, children }: StatusBadgeProps) {
  return <span className={`status-badge status-badge--${tone}`}>{children}</span>;
}
