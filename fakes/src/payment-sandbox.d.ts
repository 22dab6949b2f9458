// Types for payment-sandbox.js (kept by hand: the fake is plain JavaScript).

export interface PaymentSandboxOptions {
  /** Default 12111; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** No console lines. */
  quiet?: boolean;
  /** Accept only this secret key (default: any `sk_test_…`). */
  secretKey?: string;
  /** Accept only this publishable key (default: any `pk_test_…`). */
  publishableKey?: string;
  /** Where signed events (Stripe's webhook format) are POSTed; none are sent without it. */
  webhookUrl?: string;
  /** The endpoint secret events are signed with (default `whsec_sandbox`). */
  webhookSecret?: string;
  /** The origin browsers reach the sandbox at, for 3-D Secure URLs (default: its own URL). */
  publicUrl?: string;
}

/** An event the sandbox made, with the HTTP status of each delivery (0: no answer). */
export interface SandboxEvent {
  id: string;
  type: string;
  objectId: string;
  url: string;
  deliveries: number[];
}

/** One API call as the sandbox saw it; card numbers and CVCs are never kept. */
export interface SandboxRequest {
  id: string;
  at: string;
  method: string;
  path: string;
  keyKind: 'secret' | 'publishable' | null;
  idempotencyKey: string | null;
  params: Record<string, unknown>;
  /** HTTP status answered; -1 for an injected hang or reset. */
  status: number;
  /** True when an Idempotency-Key replayed a stored answer. */
  replayed: boolean;
  injected?: 'error' | 'hang' | 'reset';
}

export type FailureMode = 'error' | 'hang' | 'reset';

export interface PaymentSandbox {
  host: string;
  port: number;
  /** Base URL, e.g. http://127.0.0.1:12111 (the API lives under /v1). */
  url: string;
  /** Calls received, oldest first. */
  requests(): SandboxRequest[];
  clearRequests(): void;
  /**
   * The next `count` API calls fail: 500 api_error, no answer at all, or a dropped connection.
   * With `only`, just the calls of that method and/or whose path matches (e.g. '^/v1/customers/').
   */
  failNext(count: number, mode?: FailureMode, only?: { method?: string; path?: string | RegExp }): void;
  /** Forgets failures queued by failNext() that no call has used up. */
  clearFailures(): void;
  /** Where signed events go (null stops sending); `secret` defaults to the one given at start. */
  setWebhook(url: string | null, secret?: string): void;
  /** Events made, oldest first. */
  events(): SandboxEvent[];
  clearEvents(): void;
  /** Sends an event again as it was (same id, fresh signature); resolves to all its delivery statuses. */
  resendEvent(id: string): Promise<number[]>;
  /** Ends a 3-D Secure challenge as the cardholder would; returns the return_url redirect or null. */
  completeChallenge(intentId: string, result: 'complete' | 'fail'): string | null;
  /** Provider-side objects, for assertions (null when unknown). */
  paymentMethod(
    id: string,
  ): { id: string; customer: string | null; card: { brand: string; last4: string } } | null;
  setupIntent(
    id: string,
  ): { id: string; status: string; customer: string | null; payment_method: string | null } | null;
  paymentIntent(
    id: string,
  ): { id: string; status: string; amount: number; metadata: Record<string, string> } | null;
  /** A customer as the provider holds it, with its cards (`sources.data`), or null. */
  customer(id: string): {
    id: string;
    default_source: string | null;
    metadata: Record<string, string>;
    sources: { data: { id: string; brand: string; last4: string; exp_month: number; exp_year: number }[] };
  } | null;
  close(): Promise<void>;
}

export function startPaymentSandbox(options?: PaymentSandboxOptions): Promise<PaymentSandbox>;
export function brandOf(number: string): string;
export function luhnValid(number: string): boolean;
/** Stripe's `Stripe-Signature` header for a body: `t=<unix>,v1=<hex HMAC-SHA256("<t>.<body>")>`. */
export function stripeSignatureHeader(payload: string, secret: string, timestamp?: number): string;
export function parseStripeForm(text: string): Record<string, unknown>;
