/** Account search and an account's page with its history. */
export const ACCOUNTS_PATHS = {
  search: '/accounts',
  account: (id: string) => `/accounts/${id}`,
  /** The verification feature's page of one account's identity documents (built there). */
  verification: (id: string) => `/verification/accounts/${id}`,
} as const;
