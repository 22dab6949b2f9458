import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
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

/** The list: handled rows greyed out with a 対応済み badge, a checkbox per row and one for all shown. */
export function InquiriesTable({ items, selected, onToggle, onToggleAll }: InquiriesTableProps) {
  const { t } = useTranslation('inquiries');
  const formatDateTime = useFormatDateTime();
  const allRef = useRef<HTMLInputElement>(null);
  const selectedShown = items.filter((i) => selected.has(i.id)).length;
  const all = items.length > 0 && selectedShown === items.length;
  useEffect(() => {
    if (allRef.current) allRef.current.indeterminate = selectedShown > 0 && !all;
  }, [selectedShown, all]);

  return (
    <div className="inquiries-table-wrap">
      <table className="inquiries-table" aria-label={t('list.caption')}>
        <thead>
          <tr>
            <th scope="col">
              <input
                ref={allRef}
                type="checkbox"
                aria-label={t('list.selectAll')}
                checked={all}
                onChange={(e) => onToggleAll(e.target.checked)}
              />
            </th>
            <th scope="col">{t('fields.receivedAt')}</th>
            <th scope="col">{t('fields.caller')}</th>
            <th scope="col">{t('fields.forWhom')}</th>
            <th scope="col">{t('fields.callback')}</th>
            <th scope="col">{t('fields.category')}</th>
            <th scope="col">{t('fields.content')}</th>
            <th scope="col">{t('fields.assignee')}</th>
            <th scope="col">{t('fields.status')}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((inquiry) => (
            <tr
              key={inquiry.id}
              className={`inquiry-row inquiry-row--${inquiry.status}`}
              data-testid="inquiry-row"
            >
              <td>
                <input
                  type="checkbox"
                  aria-label={t('list.select', { name: inquiry.callerName })}
                  checked={selected.has(inquiry.id)}
                  onChange={() => onToggle(inquiry.id)}
                />
              </td>
              <td>
                <Link to={`${paths.inquiries}/${inquiry.id}`}>{formatDateTime(inquiry.receivedAt)}</Link>
              </td>
              <td>
                {inquiry.callerName}
                {inquiry.callerCompany ? <div className="muted">{inquiry.callerCompany}</div> : null}
              </td>
              <td>{inquiry.forWhom ?? ''}</td>
              <td>
                <CallbackMark required={inquiry.callbackRequired} />
              </td>
              <td>{t(`category.${inquiry.category}`)}</td>
              <td className="inquiry-content" title={inquiry.content}>
                {inquiry.urgent ? (
                  <>
                    <UrgentBadge />{' '}
                  </>
                ) : null}
                {inquiry.content}
              </td>
              <td>{inquiry.assigneeName ?? ''}</td>
              <td>
                <StatusBadge status={inquiry.status} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
