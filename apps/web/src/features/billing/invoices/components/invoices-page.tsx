import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Alert, Button, Spinner, StatusBadge } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useDownloadInvoicePdf } from '../api/download-invoice-pdf';
import { useInvoices, type Invoice } from '../api/get-invoices';
import { invoiceAuthenticatePath } from '../../paths';

const yen = (n: number, lang: string) => `¥${n.toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP')}`;

/** 請求一覧 (R2.8): each invoice with its state, and its invoice and receipt PDFs. */
export function InvoicesPage() {
  const { t, i18n } = useTranslation('invoices');
  const { t: tc } = useTranslation();
  const invoices = useInvoices();
  const download = useDownloadInvoicePdf();
  const lang = i18n.language;
  const date = (iso: string) =>
    new Intl.DateTimeFormat(lang === 'en' ? 'en-US' : 'ja-JP', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: 'short',
      day: 'numeric',
    }).format(new Date(iso));
  const period = (p: string) => {
    const [y, m] = p.split('-').map(Number);
    return t('period', { year: y, month: m });
  };
  const state = (inv: Invoice) =>
    inv.status === 'retrying' && inv.nextAttemptAt
      ? `${t(`status.${inv.status}`)}（${t('nextAttempt', { date: date(inv.nextAttemptAt) })}）`
      : t(`status.${inv.status}`);

  return (
    <Page title={t('title')} lead={t('lead')}>
      {download.error ? <Alert>{translate(tc, errorMessage(download.error))}</Alert> : null}
      {invoices.isPending ? (
        <Spinner label={t('loading')} />
      ) : invoices.error ? (
        <Alert>{translate(tc, errorMessage(invoices.error))}</Alert>
      ) : invoices.data.length === 0 ? (
        <Alert tone="info">{t('empty')}</Alert>
      ) : (
        <table className="team-table" aria-label={t('title')} data-testid="invoices">
          <thead>
            <tr>
              <th>{t('columns.number')}</th>
              <th>{t('columns.period')}</th>
              <th>{t('columns.kind')}</th>
              <th>{t('columns.issueDate')}</th>
              <th>{t('columns.total')}</th>
              <th>{t('columns.status')}</th>
              <th>{t('columns.download')}</th>
            </tr>
          </thead>
          <tbody>
            {invoices.data.map((inv) => (
              <tr key={inv.id} data-testid={`invoice-${inv.number}`}>
                <td>{inv.number}</td>
                <td>{period(inv.period)}</td>
                <td>{t(`kind.${inv.kind}`)}</td>
                <td>{date(`${inv.issueDate}T00:00:00+09:00`)}</td>
                <td>
                  {inv.kind === 'credit_note' ? '−' : ''}
                  {yen(inv.total, lang)}
                  <span className="muted"> {t('taxIncluded', { tax: yen(inv.taxAmount, lang) })}</span>
                </td>
                <td data-status={inv.status}>
                  {inv.status === 'action_required' ? (
                    <>
                      <StatusBadge tone="warning">{t('actionRequiredBadge')}</StatusBadge> {state(inv)}{' '}
                      <Link to={invoiceAuthenticatePath(inv.id)}>{t('authenticateLink')}</Link>
                    </>
                  ) : (
                    state(inv)
                  )}
                </td>
                <td>
                  <Button
                    variant="secondary"
                    disabled={download.isPending}
                    onClick={() => download.mutate({ id: inv.id, kind: 'invoice' })}
                  >
                    {t('downloadInvoice')}
                  </Button>{' '}
                  {inv.receiptAvailable ? (
                    <Button
                      variant="ghost"
                      disabled={download.isPending}
                      onClick={() => download.mutate({ id: inv.id, kind: 'receipt' })}
                    >
                      {t('downloadReceipt')}
                    </Button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}
