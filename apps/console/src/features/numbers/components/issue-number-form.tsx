import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import type { Schemas } from '@bc/api-client';

type AccountSummary = Schemas['AccountSummaryDto'];
import { useNumbers } from '../api/get-numbers';
import { useIssueNumber, type IssuedNumber } from '../api/issue-number';

export type IssueNumberFormProps = {
  account: AccountSummary;
  onIssued: (issued: IssuedNumber) => void;
  onCancel: () => void;
};

/** Issue the next free number, or one chosen from the free list, to a ready_for_number account. */
export function IssueNumberForm({ account, onIssued, onCancel }: IssueNumberFormProps) {
  const { t } = useTranslation('numbers');
  const { t: tc } = useTranslation();
  const id = useId();
  const issue = useIssueNumber();
  const [mode, setMode] = useState<'next' | 'choose'>('next');
  const [numberId, setNumberId] = useState('');
  const [pickError, setPickError] = useState<string | null>(null);
  const free = useNumbers('free');
  const freeNumbers = free.data?.pages.flatMap((page) => page.items) ?? [];
  const name = account.companyName ?? account.name;

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (mode === 'choose' && !numberId) return setPickError(t('issue.mustPick'));
    setPickError(null);
    issue.mutate(
      { accountId: account.id, numberId: mode === 'choose' ? numberId : undefined },
      { onSuccess: onIssued },
    );
  };

  return (
    <form className="form" noValidate onSubmit={onSubmit} aria-label={t('issue.heading', { name })}>
      <p className="card__title">{t('issue.heading', { name })}</p>
      {issue.isError ? <Alert>{translate(tc, errorMessage(issue.error))}</Alert> : null}
      {free.isSuccess && freeNumbers.length === 0 ? <Alert tone="info">{t('issue.noFree')}</Alert> : null}
      <fieldset className="field radio-group">
        <legend className="field__label">{t('issue.mode')}</legend>
        <label className="radio-group__option">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'next'}
            onChange={() => setMode('next')}
          />
          {t('issue.next')}
          {mode === 'next' && freeNumbers[0] ? `（${freeNumbers[0].display}）` : ''}
        </label>
        <label className="radio-group__option">
          <input
            type="radio"
            name={`${id}-mode`}
            checked={mode === 'choose'}
            onChange={() => setMode('choose')}
          />
          {t('issue.choose')}
        </label>
      </fieldset>
      {mode === 'choose' ? (
        <div className={`field${pickError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={`${id}-pick`}>
            {t('issue.pick')}
          </label>
          <select
            id={`${id}-pick`}
            className="field__input"
            value={numberId}
            aria-invalid={pickError ? true : undefined}
            onChange={(event) => setNumberId(event.target.value)}
          >
            <option value="">{t('issue.pickPlaceholder')}</option>
            {freeNumbers.map((n) => (
              <option key={n.id} value={n.id}>
                {n.display}
              </option>
            ))}
          </select>
          {pickError ? <p className="field__error">{pickError}</p> : null}
        </div>
      ) : null}
      <div>
        <Button type="submit" isLoading={issue.isPending}>
          {issue.isPending ? t('issue.submitting') : t('issue.submit')}
        </Button>{' '}
        <Button variant="ghost" onClick={onCancel}>
          {t('issue.cancel')}
        </Button>
      </div>
    </form>
  );
}
