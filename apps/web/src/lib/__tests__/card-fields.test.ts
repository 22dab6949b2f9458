import { afterEach, describe, expect, it, vi } from 'vitest';
import { createSandboxCardFields } from '../card-fields/sandbox-adapter';
import { createStripeCardFields, type StripeLike } from '../card-fields/stripe-adapter';

const SANDBOX = 'http://127.0.0.1:12111';
const ORIGIN = 'http://localhost:5173';

/** A message as the sandbox's card-fields page posts it, from a given origin and window. */
function postFromFields(data: unknown, origin: string, source: Window | null) {
  window.dispatchEvent(new MessageEvent('message', { data, origin, source }));
}

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('the sandbox card fields (an iframe on the sandbox origin)', () => {
  async function mounted(navigate = vi.fn()) {
    const adapter = createSandboxCardFields({
      url: `${SANDBOX}/elements/card-fields`,
      publishableKey: 'pk_test_web',
      parentOrigin: ORIGIN,
      navigate,
    });
    const element = document.createElement('div');
    document.body.append(element);
    const onReady = vi.fn();
    const onChange = vi.fn();
    await adapter.mount(element, { clientSecret: 'seti_1_secret_x', title: 'カード情報', onReady, onChange });
    const frame = element.querySelector('iframe')!;
    return { adapter, frame, onReady, onChange, navigate };
  }

  it('frames the fields page with our origin and the publishable key, titled for screen readers', async () => {
    const { frame } = await mounted();
    const src = new URL(frame.src);
    expect(src.origin + src.pathname).toBe(`${SANDBOX}/elements/card-fields`);
    expect(src.searchParams.get('origin')).toBe(ORIGIN);
    expect(src.searchParams.get('key')).toBe('pk_test_web');
    expect(frame.title).toBe('カード情報');
  });

  it('believes only messages from the sandbox origin and that frame', async () => {
    const { frame, onReady, onChange } = await mounted();
    postFromFields({ source: 'bc-card-fields', type: 'ready' }, 'https://evil.example', frame.contentWindow);
    postFromFields({ source: 'bc-card-fields', type: 'ready' }, SANDBOX, window);
    expect(onReady).not.toHaveBeenCalled();
    postFromFields({ source: 'bc-card-fields', type: 'ready' }, SANDBOX, frame.contentWindow);
    postFromFields(
      { source: 'bc-card-fields', type: 'change', complete: true },
      SANDBOX,
      frame.contentWindow,
    );
    expect(onReady).toHaveBeenCalledOnce();
    expect(onChange).toHaveBeenCalledWith(true);
  });

  it('asks the frame to confirm (addressed to the sandbox origin) and answers its result', async () => {
    const { adapter, frame } = await mounted();
    const post = vi.spyOn(frame.contentWindow!, 'postMessage');
    const confirming = adapter.confirmSetup({ clientSecret: 'seti_1_secret_x', returnUrl: `${ORIGIN}/card` });
    expect(post).toHaveBeenCalledWith(
      { type: 'confirm-setup', clientSecret: 'seti_1_secret_x', returnUrl: `${ORIGIN}/card` },
      SANDBOX,
    );
    // A forged result from elsewhere is ignored; the real one ends the confirmation.
    postFromFields(
      { source: 'bc-card-fields', type: 'result', status: 'succeeded', setupIntentId: 'seti_forged' },
      'https://evil.example',
      frame.contentWindow,
    );
    postFromFields(
      { source: 'bc-card-fields', type: 'result', status: 'succeeded', setupIntentId: 'seti_1' },
      SANDBOX,
      frame.contentWindow,
    );
    await expect(confirming).resolves.toEqual({ status: 'succeeded', intentId: 'seti_1' });
  });

  it('goes to the 3-D Secure page when the issuer asks, and reports a decline by its code', async () => {
    const { adapter, frame, navigate } = await mounted();
    vi.spyOn(frame.contentWindow!, 'postMessage');
    const challenged = adapter.confirmSetup({ clientSecret: 'seti_1_secret_x', returnUrl: `${ORIGIN}/card` });
    postFromFields(
      {
        source: 'bc-card-fields',
        type: 'result',
        status: 'requires_action',
        setupIntentId: 'seti_1',
        redirectUrl: `${SANDBOX}/3ds/seti_1?client_secret=x`,
      },
      SANDBOX,
      frame.contentWindow,
    );
    await expect(challenged).resolves.toEqual({ status: 'redirecting' });
    expect(navigate).toHaveBeenCalledWith(`${SANDBOX}/3ds/seti_1?client_secret=x`);

    const declined = adapter.confirmSetup({ clientSecret: 'seti_1_secret_x', returnUrl: `${ORIGIN}/card` });
    postFromFields(
      {
        source: 'bc-card-fields',
        type: 'result',
        status: 'failed',
        setupIntentId: 'seti_1',
        error: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
      },
      SANDBOX,
      frame.contentWindow,
    );
    await expect(declined).resolves.toEqual({
      status: 'failed',
      code: 'card_declined',
      message: 'Your card was declined.',
    });
  });

  it('unmount removes the frame and stops listening', async () => {
    const { adapter, frame, onReady } = await mounted();
    const window_ = frame.contentWindow;
    adapter.unmount();
    expect(document.querySelector('iframe')).toBeNull();
    postFromFields({ source: 'bc-card-fields', type: 'ready' }, SANDBOX, window_);
    expect(onReady).not.toHaveBeenCalled();
  });
});

describe("Stripe's Payment Element (a fake Stripe object)", () => {
  function fakeStripe(answers: Partial<Record<'confirmSetup' | 'handleNextAction', unknown>> = {}) {
    const handlers: Record<string, (event: { complete: boolean }) => void> = {};
    const element = {
      on: vi.fn((name: string, handler: (event: { complete: boolean }) => void) => {
        handlers[name] = handler;
      }),
      mount: vi.fn(),
      destroy: vi.fn(),
    };
    const elements = { create: vi.fn(() => element) };
    const stripe = {
      elements: vi.fn(() => elements),
      confirmSetup: vi.fn(() => Promise.resolve(answers.confirmSetup)),
      handleNextAction: vi.fn(() => Promise.resolve(answers.handleNextAction)),
    };
    return { stripe, elements, element, handlers, asStripe: stripe as unknown as StripeLike };
  }

  it('mounts a Payment Element for the SetupIntent and passes on ready/complete', async () => {
    const fake = fakeStripe();
    const adapter = createStripeCardFields(fake.asStripe, { locale: 'ja' });
    const host = document.createElement('div');
    const onChange = vi.fn();
    const onReady = vi.fn();
    await adapter.mount(host, { clientSecret: 'seti_1_secret_x', title: 'x', onChange, onReady });
    expect(fake.stripe.elements).toHaveBeenCalledWith({ clientSecret: 'seti_1_secret_x', locale: 'ja' });
    expect(fake.elements.create).toHaveBeenCalledWith('payment', expect.anything());
    expect(fake.element.mount).toHaveBeenCalledWith(host);
    fake.handlers.ready({ complete: false });
    fake.handlers.change({ complete: true });
    expect(onReady).toHaveBeenCalled();
    expect(onChange).toHaveBeenCalledWith(true);
    adapter.unmount();
    expect(fake.element.destroy).toHaveBeenCalled();
  });

  it('confirms with redirect if_required; success, 3-D Secure failure and decline', async () => {
    const ok = fakeStripe({ confirmSetup: { setupIntent: { id: 'seti_1', status: 'succeeded' } } });
    const adapter = createStripeCardFields(ok.asStripe);
    await adapter.mount(document.createElement('div'), { clientSecret: 'seti_1_secret_x', title: 'x' });
    await expect(
      adapter.confirmSetup({ clientSecret: 'seti_1_secret_x', returnUrl: `${ORIGIN}/card` }),
    ).resolves.toEqual({ status: 'succeeded', intentId: 'seti_1' });
    expect(ok.stripe.confirmSetup).toHaveBeenCalledWith({
      elements: ok.elements,
      confirmParams: { return_url: `${ORIGIN}/card` },
      redirect: 'if_required',
    });

    for (const code of ['setup_intent_authentication_failure', 'card_declined']) {
      const bad = fakeStripe({ confirmSetup: { error: { type: 'card_error', code, message: 'no' } } });
      const a = createStripeCardFields(bad.asStripe);
      await a.mount(document.createElement('div'), { clientSecret: 's', title: 'x' });
      await expect(a.confirmSetup({ clientSecret: 's', returnUrl: ORIGIN })).resolves.toEqual({
        status: 'failed',
        code,
        message: 'no',
      });
    }
  });

  it("authenticates a payment with Stripe.js's handleNextAction", async () => {
    const fake = fakeStripe({ handleNextAction: { paymentIntent: { id: 'pi_1', status: 'succeeded' } } });
    const adapter = createStripeCardFields(fake.asStripe);
    await expect(
      adapter.authenticatePayment({ clientSecret: 'pi_1_secret_x', redirectUrl: null }),
    ).resolves.toEqual({
      status: 'succeeded',
      intentId: 'pi_1',
    });
    expect(fake.stripe.handleNextAction).toHaveBeenCalledWith({ clientSecret: 'pi_1_secret_x' });
  });
});
