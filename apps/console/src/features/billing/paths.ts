/** Staff: billing runs (R2.9) and an account's invoices and payments. */
export const BILLING_PATHS = {
  runs: '/billing/runs',
  run: (id: string) => `/billing/runs/${id}`,
  accountInvoices: (accountId: string) => `/accounts/${accountId}/invoices`,
} as const;
