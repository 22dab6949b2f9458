/** Account search and an account's page with its history. */
export const ACCOUNTS_PATHS = {
  search: '/accounts',
  account: (id: string) => `/accounts/${id}`,
} as const;
