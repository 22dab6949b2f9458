import { useTranslation } from 'react-i18next';
import { Alert, Card, DataTable, Spinner, type Column } from '@bc/ui';
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
  const planColumns: Column<PriceRow>[] = [
    {
      key: 'includedCalls',
      kind: 'number',
      header: t('columns.includedCalls'),
      cell: (row) => (row.includedCalls === null ? '—' : t('calls', { count: row.includedCalls })),
    },
    {
      key: 'perCallFee',
      kind: 'number',
      header: t('columns.perCallFee'),
      cell: (row) => (row.perCallFee === null ? '—' : formatPrice(row.perCallFee, 'fee')),
    },
  ];
  const columns: Column<PriceRow>[] = [
    {
      key: 'effectiveFrom',
      kind: 'date',
      header: t('columns.effectiveFrom'),
      cell: (row) => formatDate(row.effectiveFrom, i18n.language),
    },
    {
      key: 'amount',
      kind: 'number',
      header: t('columns.amount'),
      cell: (row) => formatPrice(row.amount, row.itemKind),
    },
    ...(isPlan ? planColumns : []),
    {
      key: 'taxRate',
      kind: 'number',
      header: t('columns.taxRate'),
      cell: (row) => t('taxRate', { rate: row.taxRatePercent }),
    },
    {
      key: 'status',
      kind: 'short',
      header: t('columns.status'),
      cell: (row) => <span className={`badge badge--${row.status}`}>{t(`status.${row.status}`)}</span>,
    },
  ];
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
        <DataTable
          label={`${t(`items.${item.code}`)} ${t('page.history')}`}
          columns={columns}
          rows={item.rows}
          rowKey={(row) => row.id}
          rowClassName={(row) => `price-row price-row--${row.status}`}
        />
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
