import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { LifecycleMailsSubscriber } from '../../src/modules/notifications/events/lifecycle-mails.subscriber';
import { MailService } from '../../src/modules/notifications/mail.service';
import { OutboxRepository } from '../../src/outbox/outbox.repository';
import { OutboxSubscribers } from '../../src/outbox/outbox-subscribers';
import type { TestApp } from './test-app';

const SUBSCRIBER = 'lifecycle-mails';

/**
 * For tests that run the API without a worker and read the mail jobs it queued: lifecycle mails
 * now leave through the outbox, so this does the worker's part in the API process: the
 * lifecycle-mails subscriber handles every event committed so far (the API's own mail queue gets
 * the jobs). Handling an event again queues nothing new (the mail's job id is its key).
 */
export async function mailFromOutbox(t: TestApp): Promise<void> {
  const registry = new OutboxSubscribers(t.app.get(OutboxRepository));
  new LifecycleMailsSubscriber(
    registry,
    t.app.get(AccountsService, { strict: false }),
    t.app.get(MailService, { strict: false }),
    t.config,
  ).onModuleInit();
  const events = await t.database.dataSource.query<{ id: string; type: string }[]>(
    `SELECT id, type FROM outbox_events WHERE published_at IS NULL ORDER BY created_at`,
  );
  for (const e of events) {
    if (registry.subscribersOf(e.type).includes(SUBSCRIBER)) await registry.dispatch(e.id, SUBSCRIBER);
  }
}
