import { OUTBOX_EVENT_TYPES, type OutboxEventType } from './events';
import type { OutboxEvent } from './outbox-event.entity';
import type { OutboxRepository } from './outbox.repository';
import { OutboxSubscriptionsCheck } from './outbox.processor';
import { OutboxSubscribers, type OutboxHandlers } from './outbox-subscribers';

const rows = new Map<string, OutboxEvent>();
const outbox = { findById: async (id: string) => rows.get(id) ?? null } as unknown as OutboxRepository;

function row(id: string, type: string, payload: Record<string, unknown>): OutboxEvent {
  const event = {
    id,
    type,
    payload,
    createdAt: new Date('2026-12-01T00:00:00Z'),
    publishedAt: null,
    traceContext: null,
  };
  rows.set(id, event);
  return event;
}

/** A handler for every type but `except`. */
function allBut(except: OutboxEventType | null): OutboxHandlers {
  const handlers: Record<string, () => Promise<string>> = {};
  for (const type of OUTBOX_EVENT_TYPES) if (type !== except) handlers[type] = async () => 'done';
  return handlers as OutboxHandlers;
}

describe('the outbox subscribers, checked when the worker boots', () => {
  it('starts when every event type of the catalogue has a subscriber', () => {
    const registry = new OutboxSubscribers(outbox);
    registry.subscribe('billing', { 'number.issued': async () => 'x' });
    registry.subscribe('notifications', allBut('number.issued'));
    expect(() => registry.assertComplete()).not.toThrow();
  });

  it.each(OUTBOX_EVENT_TYPES.map((type) => [type]))(
    'refuses to start when nobody subscribes to %s, naming it',
    (type) => {
      const registry = new OutboxSubscribers(outbox);
      registry.subscribe('notifications', allBut(type));
      expect(() => registry.assertComplete()).toThrow(`outbox events without a subscriber: ${type}`);
    },
  );

  it("fails the worker's start-up (its bootstrap hook) while an event type has no subscriber", () => {
    const registry = new OutboxSubscribers(outbox);
    registry.subscribe('notifications', allBut('memo.decided'));
    expect(() => new OutboxSubscriptionsCheck(registry).onApplicationBootstrap()).toThrow('memo.decided');
    registry.subscribe('lifecycle-mails', { 'memo.decided': async () => 'mail-queued' });
    expect(() => new OutboxSubscriptionsCheck(registry).onApplicationBootstrap()).not.toThrow();
  });

  it('refuses the same subscriber name twice (its jobs would share their ids)', () => {
    const registry = new OutboxSubscribers(outbox);
    registry.subscribe('billing', {});
    expect(() => registry.subscribe('billing', {})).toThrow('subscribed twice');
  });
});

describe('one job per event and subscriber', () => {
  it('lists the subscribers of a type, and each one handles the event alone', async () => {
    const registry = new OutboxSubscribers(outbox);
    const seen: string[] = [];
    registry.subscribe('billing', {
      'number.issued': async (e) => {
        seen.push(`billing ${e.payload.e164}`);
        return 'first-invoice-issued';
      },
    });
    registry.subscribe('notifications', {
      'number.issued': async () => {
        throw new Error('SMTP down');
      },
      'inquiry.created': async () => 'deliveries-queued',
    });
    row('e1', 'number.issued', { accountId: 'a', numberId: 'n', e164: '+81300000000', issuedAt: 'x' });

    expect(registry.subscribersOf('number.issued')).toEqual(['billing', 'notifications']);
    expect(registry.subscribersOf('inquiry.created')).toEqual(['notifications']);
    // notifications' failure does not touch billing's handling (it is another job)
    await expect(registry.dispatch('e1', 'notifications')).rejects.toThrow('SMTP down');
    await expect(registry.dispatch('e1', 'billing')).resolves.toBe('first-invoice-issued');
    expect(seen).toEqual(['billing +81300000000']);
  });

  it('skips an event that is gone or of a type the catalogue does not know', async () => {
    const registry = new OutboxSubscribers(outbox);
    registry.subscribe('billing', allBut(null));
    row('old', 'account.renamed', {});
    await expect(registry.dispatch('missing', 'billing')).resolves.toBe('skipped');
    await expect(registry.dispatch('old', 'billing')).resolves.toBe('skipped');
    expect(registry.subscribersOf('account.renamed')).toEqual([]);
  });
});
