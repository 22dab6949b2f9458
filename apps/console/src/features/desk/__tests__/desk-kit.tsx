// Test kit for the desk page: a scripted softphone, a controllable live stream, fixtures, and the
// whole app rendered with the softphone injected (the real adapters are tested on their own).
import { render } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import { StrictMode } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { AppProvider, createQueryClient, type Language } from '@bc/app-shell';
import { createAppRoutes } from '../../../app/router';
import { paths } from '../../../config/paths';
import { createI18n } from '../../../i18n/catalogues';
import { createAppApi } from '../../../lib/api';
import { SoftphoneFactoryContext } from '../softphone-context';
import { Emitter } from '../softphone/emitter';
import type {
  Softphone,
  SoftphoneCall,
  SoftphoneCallEvents,
  SoftphoneConfig,
  SoftphoneEvents,
} from '../softphone/softphone';

export class TestCall implements SoftphoneCall {
  readonly events = new Emitter<SoftphoneCallEvents>();
  accepted = false;
  rejected = false;
  hungUp = false;
  muted = false;
  constructor(
    readonly callSid: string,
    readonly customParameters: Record<string, string>,
    readonly from = '+819012345678',
    readonly to = 'client:op_1',
  ) {}
  accept() {
    this.accepted = true;
    this.events.emit('accepted');
  }
  reject() {
    this.rejected = true;
    this.events.emit('rejected');
  }
  hangUp() {
    this.hungUp = true;
    this.events.emit('disconnect');
  }
  mute(muted: boolean) {
    this.muted = muted;
  }
  isMuted() {
    return this.muted;
  }
  on<K extends keyof SoftphoneCallEvents>(type: K, listener: (payload: SoftphoneCallEvents[K]) => void) {
    return this.events.on(type, listener);
  }
  stats() {
    return Promise.resolve(null);
  }
  /** The far end: the call passed on or the caller left before it was answered. */
  cancel() {
    this.events.emit('cancel');
  }
  /** The far end ended the connected call (the caller hung up, or the carrier moved the caller). */
  disconnect() {
    this.events.emit('disconnect');
  }
}

export class TestPhone implements Softphone {
  readonly events = new Emitter<SoftphoneEvents>();
  tokens: string[] = [];
  updatedTokens: string[] = [];
  destroyed = false;
  calls: TestCall[] = [];
  constructor(readonly config: SoftphoneConfig) {}
  register(token: string) {
    this.tokens.push(token);
    this.events.emit('registered');
    return Promise.resolve();
  }
  updateToken(token: string) {
    this.updatedTokens.push(token);
  }
  unregister() {
    return Promise.resolve();
  }
  destroy() {
    this.destroyed = true;
    this.events.clear();
  }
  on<K extends keyof SoftphoneEvents>(type: K, listener: (payload: SoftphoneEvents[K]) => void) {
    return this.events.on(type, listener);
  }
  /** The carrier rings this softphone for our call `callId`. */
  ring(callId: string, extra: Record<string, string> = {}) {
    const call = new TestCall(`CA${this.calls.length + 1}`, { callId, offerId: 'offer-1', ...extra });
    this.calls.push(call);
    this.events.emit('incoming', { call });
    return call;
  }
}

export function softphones() {
  const made: TestPhone[] = [];
  const factory = (config: SoftphoneConfig) => {
    const phone = new TestPhone(config);
    made.push(phone);
    return phone;
  };
  return {
    factory,
    made,
    /** The softphone of the mounted page (StrictMode makes one and destroys it first). */
    live: () => {
      const phone = made.filter((p) => !p.destroyed).at(-1);
      if (!phone) throw new Error('no live softphone');
      return phone;
    },
  };
}

/** A controllable SSE endpoint: every open connection gets what is pushed. */
export function sseServer() {
  const controllers: ReadableStreamDefaultController<Uint8Array>[] = [];
  const encoder = new TextEncoder();
  const send = (type: string, data: unknown) => {
    const chunk = encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
    for (const c of controllers) {
      try {
        c.enqueue(chunk);
      } catch {
        // closed by an aborted connection
      }
    }
  };
  return {
    handler: () => {
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controllers.push(controller);
          controller.enqueue(encoder.encode('retry: 3000\n: connected\n\n'));
        },
      });
      return new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } });
    },
    call: (type: string, call: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
      send(type, { type, call, at: new Date().toISOString(), ...extra }),
    desk: (desk: Record<string, unknown>) =>
      send('desk.changed', { type: 'desk.changed', desk, at: new Date().toISOString() }),
    end: () => {
      for (const c of controllers) {
        try {
          c.close();
        } catch {
          // already closed
        }
      }
    },
  };
}

export const iso = (offsetMs = 0) => new Date(Date.now() + offsetMs).toISOString();

export const aCall = (overrides: Record<string, unknown> = {}) => ({
  id: 'call-1',
  state: 'waiting',
  accountId: 'acc-1',
  customerName: '株式会社サンプル商事',
  companyName: '株式会社サンプル商事',
  contactName: '山田 太郎',
  to: '+81312345678',
  toDisplay: '03-1234-5678',
  from: '+819012345678',
  fromDisplay: '090-1234-5678',
  startedAt: iso(-65_000),
  claimedBy: null,
  claimedAt: null,
  endedAt: null,
  endStatus: null,
  inquiryId: null,
  vip: false,
  offeredTo: null,
  answeredAt: null,
  onHold: false,
  outcome: null,
  waitSeconds: null,
  ...overrides,
});

export const offeredCall = (overrides: Record<string, unknown> = {}) =>
  aCall({ state: 'offered', offeredTo: 'op-1', ...overrides });

export const answeredCall = (overrides: Record<string, unknown> = {}) =>
  aCall({
    state: 'claimed',
    claimedBy: 'op-1',
    claimedAt: iso(-42_000),
    answeredAt: iso(-42_000),
    outcome: 'answered',
    waitSeconds: 23,
    ...overrides,
  });

export const aDesk = (overrides: Record<string, unknown> = {}) => ({
  userId: 'op-1',
  status: 'available',
  statusSince: iso(-600_000),
  afterCall: 'available',
  wrapUpUntil: null,
  wrapUpLimitSeconds: 60,
  offerTimeoutSeconds: 15,
  missedOffers: 0,
  connected: true,
  call: null,
  serverTime: iso(),
  ...overrides,
});

export const aPop = (overrides: Record<string, unknown> = {}) => ({
  call: offeredCall(),
  greeting: 'お電話ありがとうございます。株式会社サンプル商事でございます。',
  elapsedSeconds: 65,
  answerMemo: {
    memo: { basicInfo: '東京都千代田区の会社です', businessHours: '平日 9:00〜18:00', freeText: '' },
    qa: [{ question: '駐車場はありますか', answer: '地下に3台分あります' }],
  },
  previousInquiries: [
    { id: 'inq-0', receivedAt: iso(-86_400_000), callerName: '髙橋 健', summary: '見積もりの依頼' },
  ],
  contact: { id: 'c-1', name: '髙橋 健', reading: 'たかはし けん', company: '株式会社髙橋', vip: true },
  ...overrides,
});

export const aToken = (overrides: Record<string, unknown> = {}) => ({
  provider: 'fake',
  token: 'token-1',
  identity: 'op_1',
  expiresAt: iso(3_600_000),
  signalingUrl: 'ws://127.0.0.1:12380/ws',
  ...overrides,
});

export type RenderDeskOptions = {
  fetch: typeof fetch;
  factory: (config: SoftphoneConfig) => Softphone;
  route?: string;
  language?: Language;
};

/** The whole app on a memory router (as renderApp), with the desk's softphone injected. */
export function renderDesk({ fetch, factory, route = '/calls', language }: RenderDeskOptions) {
  const api = createAppApi({ baseUrl: 'http://localhost', fetch });
  const i18n = createI18n(language);
  const router = createMemoryRouter(createAppRoutes(), { initialEntries: [route] });
  const user = userEvent.setup();
  const view = render(
    <StrictMode>
      <SoftphoneFactoryContext value={factory}>
        <AppProvider api={api} i18n={i18n} queryClient={createQueryClient()} paths={paths}>
          <RouterProvider router={router} />
        </AppProvider>
      </SoftphoneFactoryContext>
    </StrictMode>,
  );
  return { ...view, api, i18n, router, user };
}
