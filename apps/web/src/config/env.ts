// The only place that reads build-time environment. Vite exposes VITE_* variables.
export type Env = {
  /** Origin of the API. Empty means "this page's origin": /api is proxied to the API by Vite. */
  apiUrl: string;
};

export const env: Env = {
  apiUrl: import.meta.env.VITE_API_URL ?? '',
};
