import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Alert, Button, Card, Spinner, StatusBadge, TextField, type BadgeTone } from '@bc/ui';
import { Page } from '@bc/app-shell';
import { errorMessage, translate } from '@bc/app-shell';
import { useAuth } from '../../../lib/use-auth';
import { ACCOUNTS_PATHS } from '../../accounts/paths';
import {
  useAccountInvoices,
  useIssueCreditNote,
  useRetryPayment,
  type AdminInvoice,
} from '../api/account-invoices';
import { dateTime, yen } from './format';

function CreditNoteForm({ accountId, invoice }: { accountId: string; invoice: AdminInvoice }) {
  const { t } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const issue = useIssueCreditNote(accountId);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    issue.mutate({ id: invoice.id, amount: Number(amount), reason });
  };
  return (
    <form onSubmit={submit} aria-label={t('invoices.creditNoteOf', { number: invoice.number })}>
      <TextField
        label={t('invoices.creditAmount')}
        name="amount"
        value={amount}
        onChange={setAmount}
        hint={t('invoices.remaining', { amount: yen(invoice.remaining) })}
      />
      <TextField label={t('invoices.creditReason')} name="reason" value={reason} onChange={setReason} />
      {issue.error ? <Alert>{translate(tc, errorMessage(issue.error))}</Alert> : null}
      {issue.data ? (
        <Alert tone="success">{t('invoices.creditIssued', { number: issue.data.number })}</Alert>
      ) : null}
      <Button type="submit" variant="secondary" isLoading={issue.isPending}>
        {t('invoices.issueCreditNote')}
      </Button>
    </form>
  );
}

/** An invoice's state as a badge: what needs someone (staff or the customer) stands out. */
const STATUS_TONES: Record<AdminInvoice['status'], BadgeTone> = {
  paid: 'success',
  unpaid: 'neutral',
  retrying: 'warning',
  failed: 'danger',
  action_required: 'warning',
  credited: 'muted',
  issued: 'neutral',
};

function InvoiceCard({ accountId, invoice }: { accountId: string; invoice: AdminInvoice }) {
  const { t, i18n } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const { user } = useAuth();
  const retry = useRetryPayment(accountId);
  const retryable =
    ['unpaid', 'retrying', 'failed'].includes(invoice.status) && invoice.kind !== 'credit_note';
  return (
    <Card title={`${invoice.number}  ${invoice.period}  ${t(`invoices.kinds.${invoice.kind}`)}`}>
      <div data-testid={`admin-invoice-${invoice.number}`}>
        <p>
          {yen(invoice.total)}（{t('invoices.tax', { tax: yen(invoice.taxAmount) })}）・
          <span data-testid="invoice-status" data-status={invoice.status}>
            <StatusBadge tone={STATUS_TONES[invoice.status]}>
              {t(`invoices.statuses.${invoice.status}`)}
            </StatusBadge>
          </span>
          {invoice.credited > 0 ? `・${t('invoices.credited', { amount: yen(invoice.credited) })}` : ''}
        </p>
        <table aria-label={t('invoices.lines')}>
          <tbody>
            {invoice.lines.map((l) => (
              <tr key={l.position}>
                <td>{l.description}</td>
                <td>{l.quantity}</td>
                <td>{yen(l.unitPrice)}</td>
                <td>{yen(l.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {invoice.payments.length > 0 ? (
          <table aria-label={t('invoices.payments')}>
            <thead>
              <tr>
                <th>#</th>
                <th>{t('invoices.paymentStatus')}</th>
                <th>{t('invoices.failure')}</th>
                <th>{t('invoices.trigger')}</th>
                <th>{t('invoices.at')}</th>
              </tr>
            </thead>
            <tbody>
              {invoice.payments.map((p) => (
                <tr key={p.id}>
                  <td>{p.attemptNo}</td>
                  <td>{t(`invoices.paymentStatuses.${p.status}`)}</td>
                  <td>{p.failureCode ?? '—'}</td>
                  <td>{t(`invoices.triggers.${p.trigger}`)}</td>
                  <td>{dateTime(p.createdAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {invoice.status === 'action_required' ? (
          <p data-testid="action-required-note">{t('invoices.actionRequiredNote')}</p>
        ) : null}
        {invoice.nextAttemptAt ? (
          <p>{t('invoices.nextAttempt', { at: dateTime(invoice.nextAttemptAt, i18n.language) })}</p>
        ) : null}
        {retry.error ? <Alert>{translate(tc, errorMessage(retry.error))}</Alert> : null}
        {retryable ? (
          <Button variant="secondary" isLoading={retry.isPending} onClick={() => retry.mutate(invoice.id)}>
            {t('invoices.retry')}
          </Button>
        ) : null}
        {user?.role === 'admin' && invoice.kind !== 'credit_note' && invoice.remaining > 0 ? (
          <CreditNoteForm accountId={accountId} invoice={invoice} />
        ) : null}
      </div>
    </Card>
  );
}

/** Staff: an account's invoices and payments; retry a failed payment; issue a credit note. */
export function AccountInvoicesPage() {
  const { t } = useTranslation('billing');
  const { t: tc } = useTranslation();
  const { accountId = '' } = useParams();
  const invoices = useAccountInvoices(accountId);
  return (
    <Page title={t('invoices.title')}>
      <p>
        <Link to={ACCOUNTS_PATHS.account(accountId)}>{t('invoices.back')}</Link>
      </p>
      {invoices.isPending ? (
        <Spinner label={t('loading')} />
      ) : invoices.error ? (
        <Alert>{translate(tc, errorMessage(invoices.error))}</Alert>
      ) : (
        <>
          {invoices.data.paymentIssue ? <Alert>{t('invoices.paymentIssue')}</Alert> : null}
          {invoices.data.items.length === 0 ? <Alert tone="info">{t('invoices.empty')}</Alert> : null}
          {invoices.data.items.map((inv) => (
            <InvoiceCard key={inv.id} accountId={accountId} invoice={inv} />
          ))}
        </>
      )}
    </Page>
  );
}
