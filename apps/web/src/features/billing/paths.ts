/** The billing area (「¥ ご請求・プラン」): plan, options, plan change, cancellation, usage. */
export const BILLING_PATH = '/billing';
/** The billing list (請求一覧), a page of the invoices feature. */
export const BILLING_INVOICES_PATH = '/billing/invoices';
