import type { CardFieldsAdapter, CardFieldsConfig } from './port';

export type { CardFieldsAdapter, CardFieldsConfig, CardFieldsResult } from './port';

/**
 * The adapter our API asked for: `stripe` (production) or `sandbox` (development, tests). Both
 * are imported on demand, so pages without card fields (the log-in page first of all) carry none
 * of their code, and Stripe.js is fetched only when it is used.
 */
export async function loadCardFields(
  config: Pick<CardFieldsConfig, 'adapter' | 'publishableKey' | 'url'>,
  locale: 'ja' | 'en' = 'ja',
): Promise<CardFieldsAdapter> {
  if (config.adapter === 'stripe') {
    const { loadStripeCardFields } = await import('./stripe-adapter');
    return loadStripeCardFields(config.publishableKey, locale);
  }
  const { createSandboxCardFields } = await import('./sandbox-adapter');
  return createSandboxCardFields({ url: config.url, publishableKey: config.publishableKey });
}
