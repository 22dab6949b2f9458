import { useTranslation } from 'react-i18next';
import { Alert, Card, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { usePrices, type CatalogueItemCode, type CatalogueItemKind, type PriceRow } from '../api/get-prices';
import { formatDate } from './format';
import { SchedulePriceForm, type CatalogueItem } from './schedule-price-form';
import { useFormatPrice } from './use-format-price';

type ItemHistory = CatalogueItem & { rows: PriceRow[] };

/** Rows grouped by item, in the order the API sends them (item by item, oldest first). */
function groupByItem(rows: PriceRow[]): ItemHistory[] {
  const items = new Map<CatalogueItemCode, ItemHistory>();
  for (const row of rows) {
    const item = items.get(row.itemCode) ?? { code: row.itemCode, kind: row.itemKind, rows: [] };
    item.rows.push(row);
    items.set(row.itemCode, item);
  }
  return [...items.values()];
}

function ItemPrices({ item }: { item: ItemHistory }) {
  const { t, i18n } = useTranslation('catalogue');
  const formatPrice = useFormatPrice();
  const current = item.rows.find((row) => row.status === 'current');
  const isPlan = item.kind === 'plan';
  return (
    <Card title={`${t(`items.${item.code}`)}（${t(`kind.${item.kind}`)}）`}>
      <div data-testid={`prices-${item.code}`}>
        <p data-testid={`current-${item.code}`}>
          <strong>{t('page.current')}: </strong>
          {current ? (
            <>
              {formatPrice(current.amount, item.kind)}
              {isPlan && current.includedCalls !== null && current.perCallFee !== null
                ? ` / ${t('columns.includedCalls')} ${t('calls', { count: current.includedCalls })} / ${t('columns.perCallFee')} ${formatPrice(current.perCallFee, 'fee')}`
                : ''}
            </>
          ) : (
            t('page.noCurrent')
          )}
        </p>
        <table aria-label={`${t(`items.${item.code}`)} ${t('page.history')}`}>
          <thead>
            <tr>
              <th scope="col">{t('columns.effectiveFrom')}</th>
              <th scope="col">{t('columns.amount')}</th>
              {isPlan ? <th scope="col">{t('columns.includedCalls')}</th> : null}
              {isPlan ? <th scope="col">{t('columns.perCallFee')}</th> : null}
              <th scope="col">{t('columns.taxRate')}</th>
              <th scope="col">{t('columns.status')}</th>
            </tr>
          </thead>
          <tbody>
            {item.rows.map((row) => (
              <tr key={row.id} className={`price-row price-row--${row.status}`}>
                <td>{formatDate(row.effectiveFrom, i18n.language)}</td>
                <td>{formatPrice(row.amount, row.itemKind)}</td>
                {isPlan ? (
                  <td>{row.includedCalls === null ? '—' : t('calls', { count: row.includedCalls })}</td>
                ) : null}
                {isPlan ? (
                  <td>{row.perCallFee === null ? '—' : formatPrice(row.perCallFee, 'fee')}</td>
                ) : null}
                <td>{t('taxRate', { rate: row.taxRatePercent })}</td>
                <td>
                  <span className={`badge badge--${row.status}`}>{t(`status.${row.status}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}

/** 料金表: every item's current price and price history; admins schedule new prices. */
export function PriceCataloguePage() {
  const { t, i18n } = useTranslation('catalogue');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const query = usePrices();
  const isAdmin = user?.role === 'admin';
  const items = groupByItem(query.data?.items ?? []);
  const choices: { code: CatalogueItemCode; kind: CatalogueItemKind }[] = items.map(({ code, kind }) => ({
    code,
    kind,
  }));

  return (
    <Page title={t('page.title')} lead={t('page.lead')}>
      {query.isPending ? (
        <Spinner label={t('page.loading')} />
      ) : query.isError ? (
        <Alert>{translate(tc, errorMessage(query.error))}</Alert>
      ) : (
        <>
          <p className="muted">{t('page.today', { date: formatDate(query.data.today, i18n.language) })}</p>
          {isAdmin ? (
            <SchedulePriceForm items={choices} today={query.data.today} />
          ) : (
            <p className="muted">{t('page.adminOnly')}</p>
          )}
          {items.length === 0 ? <p className="muted">{t('page.empty')}</p> : null}
          {items.map((item) => (
            <ItemPrices key={item.code} item={item} />
          ))}
        </>
      )}
    </Page>
  );
}
