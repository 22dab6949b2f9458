import type { CardFieldsAdapter, CardFieldsResult, MountOptions, Navigate } from './port';
import { leavePage } from './port';

/** What the sandbox's card-fields page posts to its parent (fakes/src/payment-sandbox.js). */
type FieldsMessage =
  | { source: 'bc-card-fields'; type: 'ready' }
  | { source: 'bc-card-fields'; type: 'change'; complete: boolean }
  | {
      source: 'bc-card-fields';
      type: 'result';
      status: string;
      setupIntentId: string | null;
      redirectUrl?: string | null;
      error?: { code: string | null; declineCode: string | null; message: string };
    };

const CONFIRM_TIMEOUT_MS = 60_000;

const isFieldsMessage = (data: unknown): data is FieldsMessage =>
  typeof data === 'object' &&
  data !== null &&
  (data as { source?: unknown }).source === 'bc-card-fields' &&
  typeof (data as { type?: unknown }).type === 'string';

/**
 * The payment sandbox's card fields: a page on the sandbox's own origin, embedded as an iframe.
 * The card is typed and sent there; this page only ever receives ids and statuses by
 * postMessage, and only believes messages from that origin and that very frame. Everything is
 * sent to the frame addressed to the sandbox's origin, so nothing leaks if the frame navigates.
 */
export function createSandboxCardFields(options: {
  /** The card-fields page (CardFieldsDto.url); null when only a payment is authenticated. */
  url: string | null;
  publishableKey: string;
  /** This page's origin: the only one the fields will talk to (and be framed by). */
  parentOrigin?: string;
  navigate?: Navigate;
}): CardFieldsAdapter {
  const fieldsOrigin = options.url ? new URL(options.url).origin : null;
  const parentOrigin = options.parentOrigin ?? window.location.origin;
  const navigate = options.navigate ?? leavePage;
  let frame: HTMLIFrameElement | null = null;
  let stopListening: (() => void) | null = null;
  let waiting: ((message: Extract<FieldsMessage, { type: 'result' }>) => void) | null = null;

  const fromFields = (event: MessageEvent): FieldsMessage | null =>
    frame !== null &&
    event.origin === fieldsOrigin &&
    event.source === frame.contentWindow &&
    isFieldsMessage(event.data)
      ? event.data
      : null;

  return {
    kind: 'sandbox',

    mount(element: HTMLElement, mount: MountOptions) {
      this.unmount();
      if (!options.url) return Promise.reject(new Error('the sandbox card fields need their URL'));
      const src = new URL(options.url);
      src.searchParams.set('origin', parentOrigin);
      src.searchParams.set('key', options.publishableKey);
      frame = document.createElement('iframe');
      frame.src = src.toString();
      frame.title = mount.title;
      frame.className = 'card-fields-frame';
      frame.setAttribute('referrerpolicy', 'no-referrer');
      const onMessage = (event: MessageEvent) => {
        const message = fromFields(event);
        if (!message) return;
        if (message.type === 'ready') mount.onReady?.();
        else if (message.type === 'change') mount.onChange?.(message.complete === true);
        else if (message.type === 'result') waiting?.(message);
      };
      window.addEventListener('message', onMessage);
      stopListening = () => window.removeEventListener('message', onMessage);
      element.replaceChildren(frame);
      return Promise.resolve();
    },

    async confirmSetup({ clientSecret, returnUrl }): Promise<CardFieldsResult> {
      const target = frame?.contentWindow;
      if (!target || !fieldsOrigin)
        return { status: 'failed', code: 'not_mounted', message: 'card fields not shown' };
      const result = await new Promise<Extract<FieldsMessage, { type: 'result' }> | null>((resolve) => {
        const timer = setTimeout(() => resolve(null), CONFIRM_TIMEOUT_MS);
        waiting = (message) => {
          clearTimeout(timer);
          waiting = null;
          resolve(message);
        };
        target.postMessage({ type: 'confirm-setup', clientSecret, returnUrl }, fieldsOrigin);
      });
      if (!result) return { status: 'failed', code: 'timeout', message: 'no answer from the card fields' };
      if (result.status === 'succeeded' && result.setupIntentId) {
        return { status: 'succeeded', intentId: result.setupIntentId };
      }
      if (result.status === 'requires_action' && result.redirectUrl) {
        navigate(result.redirectUrl);
        return { status: 'redirecting' };
      }
      return {
        status: 'failed',
        code: result.error?.code ?? null,
        message: result.error?.message ?? result.status,
      };
    },

    authenticatePayment({ redirectUrl }): Promise<CardFieldsResult> {
      if (!redirectUrl) {
        return Promise.resolve({ status: 'failed', code: null, message: 'no challenge to open' });
      }
      // The sandbox's challenge page refuses to be framed: the whole page goes there and back.
      navigate(redirectUrl);
      return Promise.resolve({ status: 'redirecting' });
    },

    unmount() {
      stopListening?.();
      stopListening = null;
      waiting = null;
      frame?.remove();
      frame = null;
    },
  };
}
