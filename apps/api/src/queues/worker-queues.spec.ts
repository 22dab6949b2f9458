import { processorQueue, selectProcessors } from './worker-queues';
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
});
