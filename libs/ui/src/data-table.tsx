import type { ReactNode } from 'react';

/**
 * How a column behaves: `text` keeps Japanese words whole (breaks between them, or anywhere only
 * when a word is longer than the column); `short` (labels, names, badges), `number` and `date`
 * never wrap; `long` is running text that takes the remaining width.
 */
export type ColumnKind = 'text' | 'short' | 'number' | 'date' | 'long' | 'control';

export type Column<Row> = {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  kind?: ColumnKind;
  /** The header's text for the phone layout's labels (defaults to `header` when it is a string). */
  label?: string;
};

export type DataTableProps<Row> = {
  /** The table's accessible name. */
  label: string;
  columns: readonly Column<Row>[];
  rows: readonly Row[];
  rowKey: (row: Row) => string;
  rowClassName?: (row: Row) => string | undefined;
  /** Extra attributes a test may look rows up by: one for every row, or one per row. */
  rowTestId?: string | ((row: Row) => string);
  testId?: string;
  /** Shown instead of the table when there are no rows. */
  empty?: ReactNode;
  busy?: boolean;
  /** On phones each row becomes a card of label–value lines (default on). */
  stackOnPhones?: boolean;
};

/** A data table with sensible column widths and Japanese line-breaking; a list of cards on phones. */
export function DataTable<Row>({
  label,
  columns,
  rows,
  rowKey,
  rowClassName,
  rowTestId,
  testId,
  empty,
  busy,
  stackOnPhones = true,
}: DataTableProps<Row>) {
  if (rows.length === 0 && empty) return <>{empty}</>;
  return (
    <div className="data-table-wrap">
      <table
        className={`data-table${stackOnPhones ? ' data-table--stack' : ''}`}
        aria-label={label}
        aria-busy={busy || undefined}
        data-testid={testId}
      >
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={`data-table__cell--${column.kind ?? 'text'}`}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr
              key={rowKey(row)}
              className={rowClassName?.(row)}
              data-testid={typeof rowTestId === 'function' ? rowTestId(row) : rowTestId}
            >
              {columns.map((column) => (
                <td
                  key={column.key}
                  className={`data-table__cell--${column.kind ?? 'text'}`}
                  data-label={column.label ?? (typeof column.header === 'string' ? column.header : undefined)}
                >
                  {column.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
