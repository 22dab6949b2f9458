// Issue 17 (R1.5, R7.2): the card is typed only into fields served by the payment provider, so our
// page's own script never sees a card number. This is the one small port the web app talks to;
// an adapter per provider sits behind it (Stripe's Payment Element in production, the payment
// sandbox's iframe in development), chosen by the `adapter` our API answers.

import type { Schemas } from '@bc/api-client';

/** What POST /account/card/setup answers about the fields (adapter, publishable key, sandbox URL). */
export type CardFieldsConfig = Schemas['CardFieldsDto'];

/** How a confirmation ended, as the page needs to know it (never any card data). */
export type CardFieldsResult =
  /** The provider says the intent succeeded: our API is asked next (it never trusts the browser). */
  | { status: 'succeeded'; intentId: string }
  /** The browser is leaving for the issuer's 3-D Secure page; it comes back to the return URL. */
  | { status: 'redirecting' }
  /** Refused by the provider or the issuer; `code` is Stripe's error code when there is one. */
  | { status: 'failed'; code: string | null; message: string };

export type MountOptions = {
  /** The SetupIntent's client secret (Stripe's Payment Element is created for one intent). */
  clientSecret: string;
  /** The fields are complete enough to submit (or no longer are). */
  onChange?: (complete: boolean) => void;
  /** The fields are shown and can be typed into. */
  onReady?: () => void;
  /** Accessible name of the fields' frame. */
  title: string;
};

export interface CardFieldsAdapter {
  readonly kind: CardFieldsConfig['adapter'];
  /** Shows the provider's card fields inside `element`. */
  mount(element: HTMLElement, options: MountOptions): Promise<void>;
  /**
   * Confirms the SetupIntent with what was typed into the fields (3-D Secure when the issuer asks,
   * which may leave the page for the challenge and come back to `returnUrl`).
   */
  confirmSetup(options: { clientSecret: string; returnUrl: string }): Promise<CardFieldsResult>;
  /**
   * Lets the cardholder authenticate a PaymentIntent that needs it (an invoice marked
   * action_required): Stripe.js's own dialog, or the sandbox's challenge page by redirect.
   */
  authenticatePayment(options: {
    clientSecret: string | null;
    redirectUrl: string | null;
  }): Promise<CardFieldsResult>;
  /** Removes the fields and stops listening. */
  unmount(): void;
}

/** Leaves the page for a URL (the issuer's challenge). Injected so tests can watch it. */
export type Navigate = (url: string) => void;

export const leavePage: Navigate = (url) => window.location.assign(url);
