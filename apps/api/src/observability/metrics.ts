import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/**
 * The process's Prometheus metrics. One registry per process, created once: the tests build many
 * Nest applications in one process, and prom-client refuses a metric registered twice.
 * Gauges whose value lives elsewhere (queues, the outbox, billing runs, the pool) read it when
 * scraped, through the sources their owners register below.
 */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });

export const httpRequestDuration = new Histogram({
  name: 'http_request_duration_seconds',
  help: 'HTTP requests by method, route template and status code',
  labelNames: ['method', 'route', 'status_code'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [metricsRegistry],
});

export const notificationDeliverySeconds = new Histogram({
  name: 'notification_delivery_seconds',
  help: 'From the delivery being queued (the inquiry recorded) to it being sent, by channel',
  labelNames: ['channel'] as const,
  buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300, 3600],
  registers: [metricsRegistry],
});

/** Issue 16: 503s answered because PostgreSQL or Redis could not serve a request, by cause. */
export const serviceUnavailable = new Counter({
  name: 'http_service_unavailable_total',
  help: 'Requests answered 503 because a backing service could not serve them: db_pool (no free connection in DB_CONNECT_TIMEOUT_MS), database or redis',
  labelNames: ['cause'] as const,
  registers: [metricsRegistry],
});

export const jobsProcessed = new Counter({
  name: 'bullmq_jobs_processed_total',
  help: 'Jobs this worker finished, by queue and outcome',
  labelNames: ['queue', 'outcome'] as const,
  registers: [metricsRegistry],
});

/** A value read when Prometheus scrapes: labels and the number. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}
type SampleSource = () => Promise<Sample[]> | Sample[];

/** A gauge whose samples come from sources registered by the modules that own the data. */
function scrapedGauge(name: string, help: string, labelNames: string[]) {
  const sources = new Set<SampleSource>();
  new Gauge({
    name,
    help,
    labelNames,
    registers: [metricsRegistry],
    async collect() {
      this.reset();
      for (const source of sources) {
        try {
          for (const s of await source()) this.set(s.labels, s.value);
        } catch {
          // A source that cannot answer now (PostgreSQL or Redis down) leaves its samples out;
          // readiness reports that, the scrape still succeeds.
        }
      }
    },
  });
  return {
    /** Returns the function that removes the source (on shutdown). */
    addSource(source: SampleSource): () => void {
      sources.add(source);
      return () => sources.delete(source);
    },
  };
}

export const queueJobs = scrapedGauge('bullmq_queue_jobs', 'Jobs in each queue by state', ['queue', 'state']);
export const queueOldestWaitingSeconds = scrapedGauge(
  'bullmq_queue_oldest_waiting_seconds',
  'Age of the oldest job waiting in each queue (0 when none waits)',
  ['queue'],
);
export const outboxLag = scrapedGauge(
  'outbox_lag_seconds',
  'Age of the oldest outbox event not yet published to its queue (0 when none)',
  [],
);
export const outboxUnpublished = scrapedGauge(
  'outbox_unpublished_events',
  'Outbox events not yet published to their queue',
  [],
);
export const billingRunProgress = scrapedGauge(
  'billing_run_progress',
  'The latest billing run of each kind: accounts, invoices created, to charge, charged, failed; running=1 while it runs',
  ['kind', 'period', 'field'],
);
export const sseClients = scrapedGauge('sse_clients', 'Open server-sent-event streams by stream', ['stream']);
export const dbPoolConnections = scrapedGauge(
  'db_pool_connections',
  'PostgreSQL pool of this process: total, idle, waiting clients and the maximum',
  ['state'],
);
