import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DataTable, type Column } from '@bc/ui';
import { paths } from '../../../config/paths';
import type { Inquiry } from '../api/inquiry-filters';
import { CallbackMark, StatusBadge, UrgentBadge } from './inquiry-badges';
import { useFormatDateTime } from './use-format-date';

export type InquiriesTableProps = {
  items: Inquiry[];
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: (select: boolean) => void;
};

/**
 * The list: handled rows greyed out with a 対応済み badge, a checkbox per row and one for all
 * shown. The whole row opens the inquiry (the caller's name is the link; the row is its target),
 * dates, marks and states never wrap, and on phones each inquiry is a card.
 */
export function InquiriesTable({ items, selected, onToggle, onToggleAll }: InquiriesTableProps) {
  const { t } = useTranslation('inquiries');
  const formatDateTime = useFormatDateTime();
  const allRef = useRef<HTMLInputElement>(null);
  const selectedShown = items.filter((i) => selected.has(i.id)).length;
  const all = items.length > 0 && selectedShown === items.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedShown > 0 && !all;
  }, [selectedShown, all]);

  const columns: Column<Inquiry>[] = [
    {
      key: 'select',
      kind: 'control',
      header: (
        <input
          ref={allRef}
          type="checkbox"
          aria-label={t('list.selectAll')}
          checked={all}
          onChange={(e) => onToggleAll(e.target.checked)}
        />
      ),
      cell: (inquiry) => (
        <input
          type="checkbox"
          aria-label={t('list.select', { name: inquiry.callerName })}
          checked={selected.has(inquiry.id)}
          onChange={() => onToggle(inquiry.id)}
        />
      ),
    },
    {
      key: 'receivedAt',
      kind: 'date',
      header: t('fields.receivedAt'),
      cell: (inquiry) => <time dateTime={inquiry.receivedAt}>{formatDateTime(inquiry.receivedAt)}</time>,
    },
    {
      key: 'caller',
      kind: 'text',
      header: t('fields.caller'),
      cell: (inquiry) => (
        <>
          <Link className="row-link" to={`${paths.inquiries}/${inquiry.id}`}>
            {inquiry.callerName}
          </Link>
          {inquiry.callerCompany ? <div className="muted">{inquiry.callerCompany}</div> : null}
        </>
      ),
    },
    { key: 'forWhom', kind: 'text', header: t('fields.forWhom'), cell: (inquiry) => inquiry.forWhom ?? '' },
    {
      key: 'callback',
      kind: 'short',
      header: t('fields.callback'),
      cell: (inquiry) => <CallbackMark required={inquiry.callbackRequired} />,
    },
    {
      key: 'category',
      kind: 'short',
      header: t('fields.category'),
      cell: (inquiry) => t(`category.${inquiry.category}`),
    },
    {
      key: 'content',
      kind: 'long',
      header: t('fields.content'),
      cell: (inquiry) => (
        <span className="inquiry-content" title={inquiry.content}>
          {inquiry.urgent ? (
            <>
              <UrgentBadge />{' '}
            </>
          ) : null}
          {inquiry.content}
        </span>
      ),
    },
    {
      key: 'assignee',
      kind: 'short',
      header: t('fields.assignee'),
      cell: (inquiry) => inquiry.assigneeName ?? '',
    },
    {
      key: 'status',
      kind: 'short',
      header: t('fields.status'),
      cell: (inquiry) => <StatusBadge status={inquiry.status} />,
    },
  ];

  return (
    <DataTable
      label={t('list.caption')}
      columns={columns}
      rows={items}
      rowKey={(inquiry) => inquiry.id}
      rowClassName={(inquiry) => `is-link inquiry-row inquiry-row--${inquiry.status}`}
      rowTestId="inquiry-row"
    />
  );
}
