import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button, Card, DataTable } from '@bc/ui';
import { errorMessage, translate } from '@bc/app-shell';
import { useAddNumbers, type AddNumbersResult } from '../api/add-numbers';

const MAX_NUMBERS = 500;

/** Admins paste numbers, one per line; every line gets its own outcome. */
export function AddNumbersForm() {
  const { t } = useTranslation('numbers');
  const { t: tc } = useTranslation();
  const id = useId();
  const add = useAddNumbers();
  const [text, setText] = useState('');
  const [inputError, setInputError] = useState<string | null>(null);
  const [result, setResult] = useState<AddNumbersResult | null>(null);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const numbers = text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter(Boolean);
    setResult(null);
    if (numbers.length === 0) return setInputError(t('add.required'));
    if (numbers.length > MAX_NUMBERS) return setInputError(t('add.tooMany'));
    setInputError(null);
    add.mutate(numbers, {
      onSuccess: (data) => {
        setResult(data);
        // Keep only what was refused, so it can be corrected and sent again.
        setText(
          data.results
            .filter((r) => r.outcome === 'refused')
            .map((r) => r.input)
            .join('\n'),
        );
      },
    });
  };

  return (
    <Card title={t('add.heading')}>
      <form className="form" noValidate onSubmit={onSubmit} aria-label={t('add.heading')}>
        {add.isError ? <Alert>{translate(tc, errorMessage(add.error))}</Alert> : null}
        <div className={`field${inputError ? ' field--invalid' : ''}`}>
          <label className="field__label" htmlFor={id}>
            {t('add.label')}
          </label>
          <textarea
            id={id}
            className="field__input"
            name="numbers"
            rows={6}
            value={text}
            aria-invalid={inputError ? true : undefined}
            aria-describedby={`${id}-hint`}
            onChange={(event) => setText(event.target.value)}
          />
          {inputError ? <p className="field__error">{inputError}</p> : null}
          <p id={`${id}-hint`} className="field__hint">
            {t('add.hint')}
          </p>
        </div>
        <Button type="submit" isLoading={add.isPending}>
          {add.isPending ? t('add.submitting') : t('add.submit')}
        </Button>
      </form>
      {result ? (
        <div data-testid="add-results">
          <Alert tone={result.refused > 0 ? 'info' : 'success'}>
            {t('add.summary', {
              added: result.added,
              alreadyInPool: result.alreadyInPool,
              refused: result.refused,
            })}
          </Alert>
          <DataTable
            label={t('add.heading')}
            columns={[
              { key: 'input', kind: 'number', header: t('add.input'), cell: ({ r }) => r.display ?? r.input },
              {
                key: 'outcome',
                kind: 'text',
                header: t('add.outcome'),
                cell: ({ r }) =>
                  `${t(`add.outcomes.${r.outcome}`)}${r.reason ? `: ${t(`add.reasons.${r.reason}`)}` : ''}`,
              },
            ]}
            // The same number may be typed twice: rows are keyed by their line.
            rows={result.results.map((r, index) => ({ r, index }))}
            rowKey={({ r, index }) => `${index}-${r.input}`}
          />
        </div>
      ) : null}
    </Card>
  );
}
