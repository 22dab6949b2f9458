import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';

export type ConfirmBoxProps = {
  label: string;
  children: ReactNode;
  confirmLabel: string;
  isPending: boolean;
  error: unknown;
  onConfirm: () => void;
  onCancel: () => void;
};

/** Says what will happen (with the computed date) before the customer confirms. */
export function ConfirmBox({
  label,
  children,
  confirmLabel,
  isPending,
  error,
  onConfirm,
  onCancel,
}: ConfirmBoxProps) {
  const { t } = useTranslation('billing');
  const { t: tc } = useTranslation();
  return (
    <div className="billing-confirm" role="dialog" aria-label={label}>
      <div>{children}</div>
      {error ? <Alert>{translate(tc, errorMessage(error))}</Alert> : null}
      <div className="billing-actions">
        <Button isLoading={isPending} onClick={onConfirm}>
          {confirmLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          {t('confirm.back')}
        </Button>
      </div>
    </div>
  );
}
