import type { ClassProvider, Provider, Type } from '@nestjs/common';
import type { WorkerHost } from '@nestjs/bullmq';
import type { QueueName } from './queue-names';

/**
 * Where @Processor(queue, options) keeps the queue name and the worker options (@nestjs/bullmq's
 * PROCESSOR_METADATA and WORKER_METADATA, which the package does not export).
 * worker-queues.spec.ts fails if a release renames them.
 */
const PROCESSOR_METADATA = 'bullmq:processor_metadata';
const WORKER_METADATA = 'bullmq:worker_metadata';

type ProcessorClass = Type<WorkerHost>;

function classOf(provider: Provider): ProcessorClass | undefined {
  const cls = typeof provider === 'function' ? provider : (provider as Partial<ClassProvider>).useClass;
  return cls as ProcessorClass | undefined;
}

/** The queue a provider processes, or undefined when it is no BullMQ processor. */
export function processorQueue(provider: Provider): QueueName | undefined {
  const cls = classOf(provider);
  if (!cls) return undefined;
  const meta = Reflect.getMetadata(PROCESSOR_METADATA, cls) as { name?: QueueName } | undefined;
  return meta?.name;
}

/** The worker options (concurrency …) @nestjs/bullmq will create a provider's BullMQ worker with. */
export function workerOptionsOf(provider: Provider): { concurrency?: number } {
  const cls = classOf(provider);
  return (cls && (Reflect.getMetadata(WORKER_METADATA, cls) as { concurrency?: number })) ?? {};
}

/**
 * Issue 16 (WORKER_QUEUES): the worker's providers without the processors of queues it does not
 * run. Everything else stays: schedulers (idempotent upserts, any worker may register them),
 * metrics, and the services the kept processors need. A queue nobody runs just waits.
 */
export function selectProcessors(providers: Provider[], queues: ReadonlySet<QueueName>): Provider[] {
  return providers.filter((p) => {
    const queue = processorQueue(p);
    return queue === undefined || queues.has(queue);
  });
}

/**
 * Issue 16 (QUEUE_CONCURRENCY_<QUEUE>): a processor whose queue has a configured concurrency is
 * provided as a subclass carrying that concurrency in its worker options, under the original class
 * as token (injection and `app.get(Processor)` unchanged). @nestjs/bullmq reads the options when it
 * creates the BullMQ worker, so the worker never runs a job at the decorator's concurrency; the
 * decorated classes themselves are left as they are.
 */
export function withConcurrency(
  providers: Provider[],
  concurrency: Partial<Record<QueueName, number>>,
): Provider[] {
  return providers.map((p) => {
    const queue = processorQueue(p);
    const cls = classOf(p);
    const configured = queue && concurrency[queue];
    if (!queue || !cls || configured === undefined) return p;
    // `cls` is a concrete processor (it implements `process`); its type here is the abstract host's.
    const Configured = class extends (cls as unknown as new (...args: never[]) => object) {};
    Object.defineProperty(Configured, 'name', { value: cls.name });
    Reflect.defineMetadata(WORKER_METADATA, { ...workerOptionsOf(cls), concurrency: configured }, Configured);
    return { provide: cls, useClass: Configured };
  });
}

/** The processors among the providers, with their queue, by the token they are provided under. */
export function processorClasses(providers: Provider[]): { queue: QueueName; cls: ProcessorClass }[] {
  return providers.flatMap((p) => {
    const queue = processorQueue(p);
    const token = typeof p === 'function' ? p : (p as ClassProvider).provide;
    return queue ? [{ queue, cls: token as ProcessorClass }] : [];
  });
}
