// The provider's client-side tokenisation (Stripe's wire format): the browser sends the card to the
// provider's /v1/tokens with the publishable key, and gets back a single-use token. Only that token
// is sent to our API; the card number and CVC never reach it (R1.5, R7.2).

export type CardInput = {
  number: string;
  expMonth: number;
  /** Four digits. */
  expYear: number;
  cvc: string;
  name: string;
};

export type TokenizationTarget = {
  publishableKey: string;
  /** Origin of the provider API, e.g. https://api.stripe.com. */
  tokenizationBaseUrl: string;
};

/** The provider refused the card, or could not be reached (`code` null). */
export class TokenizationError extends Error {
  readonly code: string | null;
  readonly declineCode: string | null;

  constructor(code: string | null, declineCode: string | null = null) {
    super(code ?? 'network');
    this.name = 'TokenizationError';
    this.code = code;
    this.declineCode = declineCode;
  }
}

/** Returns the provider's token id (`tok_…`). Throws TokenizationError. */
export async function tokenizeCard(
  target: TokenizationTarget,
  card: CardInput,
  fetchImpl: typeof fetch = globalThis.fetch,
): Promise<string> {
  const body = new URLSearchParams({
    'card[number]': card.number.replace(/\D/g, ''),
    'card[exp_month]': String(card.expMonth),
    'card[exp_year]': String(card.expYear),
    'card[cvc]': card.cvc,
    'card[name]': card.name,
  });
  let response: Response;
  try {
    response = await fetchImpl(`${target.tokenizationBaseUrl.replace(/\/$/, '')}/v1/tokens`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${target.publishableKey}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body,
      credentials: 'omit',
    });
  } catch {
    throw new TokenizationError(null);
  }
  let json: unknown = null;
  try {
    json = await response.json();
  } catch {
    // handled below
  }
  const record = (typeof json === 'object' && json !== null ? json : {}) as {
    id?: unknown;
    error?: { code?: unknown; decline_code?: unknown; type?: unknown };
  };
  if (response.ok && typeof record.id === 'string') return record.id;
  const code = typeof record.error?.code === 'string' ? record.error.code : null;
  const decline = typeof record.error?.decline_code === 'string' ? record.error.decline_code : null;
  throw new TokenizationError(code ?? (response.status >= 500 ? null : 'unknown'), decline);
}
