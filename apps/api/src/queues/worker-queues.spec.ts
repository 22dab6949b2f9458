import {
  processorClasses,
  processorQueue,
  selectProcessors,
  withConcurrency,
  workerOptionsOf,
} from './worker-queues';
import { OutboxProcessor, OutboxRelayProcessor, OUTBOX_WORKER_PROVIDERS } from '../outbox/outbox.processor';
import { QueueName } from './queue-names';

describe('WORKER_QUEUES: which processors a worker keeps', () => {
  it("reads the queue of @nestjs/bullmq's @Processor (fails if the metadata key changes)", () => {
    expect(processorQueue(OutboxProcessor)).toBe(QueueName.Outbox);
    expect(processorQueue(OutboxRelayProcessor)).toBe(QueueName.OutboxRelay);
    expect(processorQueue({ provide: 'x', useValue: 1 })).toBeUndefined();
  });

  it('drops the processors of other queues and keeps every other provider', () => {
    const kept = selectProcessors(OUTBOX_WORKER_PROVIDERS, new Set([QueueName.OutboxRelay]));
    expect(kept).not.toContain(OutboxProcessor);
    expect(kept).toContain(OutboxRelayProcessor);
    expect(kept).toHaveLength(OUTBOX_WORKER_PROVIDERS.length - 1);
  });

  it('gives a configured concurrency to a subclass provided under the original token, leaving the class as it was', () => {
    expect(workerOptionsOf(OutboxProcessor).concurrency).toBe(16); // the decorator's, read back (fails if the key changes)
    const [relay, outbox] = withConcurrency([OutboxRelayProcessor, OutboxProcessor], {
      [QueueName.Outbox]: 40,
    });
    expect(relay).toBe(OutboxRelayProcessor);
    expect(outbox).toMatchObject({ provide: OutboxProcessor });
    expect(workerOptionsOf(outbox)).toMatchObject({ concurrency: 40, lockDuration: 10_000 });
    expect(processorQueue(outbox)).toBe(QueueName.Outbox);
    expect(workerOptionsOf(OutboxProcessor).concurrency).toBe(16);
    expect(processorClasses([outbox])).toEqual([{ queue: QueueName.Outbox, cls: OutboxProcessor }]);
  });
});
