import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { Alert, Button, EmptyState, RadioGroup, Spinner } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useDownloadInquiriesCsv } from '../api/export-inquiries';
import { useInquiries } from '../api/get-inquiries';
import {
  filtersFromSearch,
  INQUIRY_STATUSES,
  searchOfFilters,
  type InquiryFilters,
  type InquiryStatus,
} from '../api/inquiry-filters';
import { useBulkUpdateInquiryStatus } from '../api/update-inquiry-status';
import { InquiriesTable } from './inquiries-table';
import { InquiryFiltersForm } from './inquiry-filters-form';
import './inquiries.css';

/** R4.3: every inquiry, filters kept in the URL, "more" paging, bulk status and the CSV (R4.4). */
export function InquiriesPage() {
  const { t } = useTranslation('inquiries');
  const { t: tc } = useTranslation();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = searchParams.toString();
  const filters = useMemo(() => filtersFromSearch(new URLSearchParams(search)), [search]);
  const list = useInquiries(filters);
  const bulk = useBulkUpdateInquiryStatus();
  const csv = useDownloadInquiriesCsv();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [bulkStatus, setBulkStatus] = useState<InquiryStatus>('handled');
  const [notice, setNotice] = useState<string | null>(null);
  const [bulkError, setBulkError] = useState<string | null>(null);

  const items = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);

  const apply = (next: InquiryFilters) => {
    setSelected(new Set());
    setNotice(null);
    setSearchParams(searchOfFilters(next));
  };
  const toggle = (id: string) =>
    setSelected((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const toggleAll = (select: boolean) => setSelected(select ? new Set(items.map((i) => i.id)) : new Set());

  const updateSelected = () => {
    setNotice(null);
    setBulkError(null);
    const ids = items.filter((i) => selected.has(i.id)).map((i) => i.id);
    if (ids.length === 0) return setBulkError(t('bulk.noneSelected'));
    // The API takes at most 100 ids at once.
    const chunks: string[][] = [];
    for (let i = 0; i < ids.length; i += 100) chunks.push(ids.slice(i, i + 100));
    void (async () => {
      try {
        let count = 0;
        for (const chunk of chunks)
          count += (await bulk.mutateAsync({ ids: chunk, status: bulkStatus })).length;
        setSelected(new Set());
        setNotice(t('bulk.done', { count }));
      } catch (error) {
        setBulkError(translate(tc, errorMessage(error)));
      }
    })();
  };

  return (
    <Page title={t('title')} lead={t('lead')}>
      <InquiryFiltersForm key={search} filters={filters} onApply={apply} />

      {/* Bulk status and CSV act on listed inquiries: offered only when there are some. */}
      {items.length > 0 ? (
        <>
          <div className="inquiry-toolbar">
            <RadioGroup
              legend={t('bulk.legend')}
              name="bulk-status"
              value={bulkStatus}
              options={INQUIRY_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              onChange={setBulkStatus}
            />
            <Button onClick={updateSelected} isLoading={bulk.isPending} disabled={selected.size === 0}>
              {t('bulk.submit')}
            </Button>
            <span className="muted" aria-live="polite">
              {selected.size > 0 ? t('list.selected', { count: selected.size }) : ''}
            </span>
            <Button variant="secondary" onClick={() => csv.mutate(filters)} isLoading={csv.isPending}>
              {csv.isPending ? t('csv.downloading') : t('csv.download')}
            </Button>
          </div>
          <p className="field__hint">{t('csv.hint')}</p>
        </>
      ) : null}

      {notice ? <Alert tone="success">{notice}</Alert> : null}
      {bulkError ? <Alert>{bulkError}</Alert> : null}
      {csv.error ? <Alert>{translate(tc, errorMessage(csv.error))}</Alert> : null}

      {list.isPending ? (
        <Spinner label={tc('app.loading')} />
      ) : list.isError ? (
        <Alert>{translate(tc, errorMessage(list.error))}</Alert>
      ) : items.length === 0 ? (
        <EmptyState title={t('list.empty')} />
      ) : (
        <>
          <InquiriesTable items={items} selected={selected} onToggle={toggle} onToggleAll={toggleAll} />
          {list.hasNextPage ? (
            <div className="inquiry-toolbar">
              <Button
                variant="secondary"
                onClick={() => void list.fetchNextPage()}
                isLoading={list.isFetchingNextPage}
              >
                {list.isFetchingNextPage ? t('list.loadingMore') : t('list.more')}
              </Button>
            </div>
          ) : null}
        </>
      )}
    </Page>
  );
}
