/** The billing area (「¥ ご請求・プラン」): plan, options, plan change, cancellation, usage. */
export const BILLING_PATH = '/billing';
/** The billing list (請求一覧), a page of the invoices feature. */
export const BILLING_INVOICES_PATH = '/billing/invoices';
/** Issue 17: the page mailed when a payment needs the cardholder (3-D Secure). */
export const invoiceAuthenticatePath = (invoiceId: string) => `/billing/invoices/${invoiceId}/authenticate`;
export const INVOICE_AUTHENTICATE_ROUTE = '/billing/invoices/:id/authenticate';
