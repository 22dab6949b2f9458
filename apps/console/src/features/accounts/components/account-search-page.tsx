import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { Alert, Button, Card, DataTable, Spinner, type Column } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAccountSearch, type AccountSearchItem, type AccountState } from '../api/search-accounts';
import { ACCOUNTS_PATHS } from '../paths';
import { ACCOUNT_STATES, isAccountState, useAccountStateLabel } from './account-state';
import { formatDateTime } from './format';

/** How long typing pauses before the search runs (and lands in the URL). */
export const SEARCH_DEBOUNCE_MS = 300;

/**
 * 顧客検索: one box (name, company, e-mail, number) and a state filter. The search lives in the
 * URL (`?q=…&state=…`), so back/forward and reload show the same results.
 */
export function AccountSearchPage() {
  const { t, i18n } = useTranslation('accounts');
  const { t: tc } = useTranslation();
  const id = useId();
  const stateLabel = useAccountStateLabel();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const rawState = params.get('state') ?? '';
  const state: AccountState | '' = isAccountState(rawState) ? rawState : '';

  // The box follows the URL (back/forward) unless the change came from the box itself.
  const [text, setText] = useState(q);
  const [syncedQ, setSyncedQ] = useState(q);
  if (q !== syncedQ) {
    setSyncedQ(q);
    setText(q);
  }

  /** Puts the search into the URL (a new history entry), keeping what is not changed. */
  const apply = (next: { q?: string; state?: AccountState | '' }) => {
    const nextQ = next.q === undefined ? undefined : next.q.trim();
    if (nextQ !== undefined) setSyncedQ(nextQ);
    setParams((prev) => {
      const search = new URLSearchParams(prev);
      if (nextQ !== undefined) {
        if (nextQ) search.set('q', nextQ);
        else search.delete('q');
      }
      if (next.state !== undefined) {
        if (next.state) search.set('state', next.state);
        else search.delete('state');
      }
      return search;
    });
  };

  // Search as the operator types, once typing pauses.
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const onType = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      if (value.trim() !== q) apply({ q: value });
    }, SEARCH_DEBOUNCE_MS);
  };
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (timer.current) clearTimeout(timer.current);
    apply({ q: text });
  };

  const query = useAccountSearch({ q: q.trim() || undefined, state: state || undefined });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  const columns: Column<AccountSearchItem>[] = [
    {
      key: 'name',
      kind: 'text',
      header: t('search.name'),
      // The whole row opens the account (the link's box covers the row).
      cell: (a) => (
        <Link className="row-link" to={ACCOUNTS_PATHS.account(a.id)}>
          {a.companyName ? `${a.companyName}（${a.name}）` : a.name}
        </Link>
      ),
    },
    { key: 'type', kind: 'short', header: t('search.type'), cell: (a) => t(`type.${a.type}`) },
    {
      key: 'status',
      kind: 'short',
      header: t('search.status'),
      cell: (a) => <span className={`badge badge--${a.state}`}>{stateLabel(a.state)}</span>,
    },
    {
      key: 'number',
      kind: 'number',
      header: t('search.number'),
      cell: (a) => a.phoneNumberDisplay ?? <span className="muted">{t('search.noNumber')}</span>,
    },
    {
      key: 'createdAt',
      kind: 'date',
      header: t('search.createdAt'),
      cell: (a) => formatDateTime(a.createdAt, i18n.language),
    },
  ];

  return (
    <Page title={t('search.title')} lead={t('search.lead')}>
      <Card>
        <form className="form" role="search" noValidate onSubmit={onSubmit} aria-label={t('search.title')}>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-q`}>
              {t('search.label')}
            </label>
            <input
              id={`${id}-q`}
              className="field__input"
              type="search"
              name="q"
              value={text}
              maxLength={100}
              placeholder={t('search.placeholder')}
              autoComplete="off"
              onChange={(event) => onType(event.target.value)}
            />
          </div>
          <div className="field">
            <label className="field__label" htmlFor={`${id}-state`}>
              {t('search.filter')}
            </label>
            <select
              id={`${id}-state`}
              className="field__input"
              value={state}
              onChange={(event) => apply({ state: event.target.value as AccountState | '' })}
            >
              <option value="">{t('state.all')}</option>
              {ACCOUNT_STATES.map((s) => (
                <option key={s} value={s}>
                  {stateLabel(s)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <Button type="submit">{t('search.submit')}</Button>
          </div>
        </form>
      </Card>
      <Card title={t('search.results')}>
        {query.isPending ? (
          <Spinner label={t('search.loading')} />
        ) : query.isError ? (
          <Alert>{translate(tc, errorMessage(query.error))}</Alert>
        ) : items.length === 0 ? (
          <p className="muted">{t('search.empty')}</p>
        ) : (
          <DataTable
            label={t('search.results')}
            testId="account-results"
            busy={query.isFetching}
            columns={columns}
            rows={items}
            rowKey={(a) => a.id}
            rowClassName={() => 'is-link'}
          />
        )}
        {query.hasNextPage ? (
          <Button
            variant="secondary"
            isLoading={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {t('search.more')}
          </Button>
        ) : null}
      </Card>
    </Page>
  );
}
