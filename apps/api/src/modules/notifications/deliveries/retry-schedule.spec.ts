import {
  DELIVERY_ATTEMPTS,
  deliveryJobOptions,
  WEBHOOK_RETRY_DELAYS_MS,
  webhookBackoff,
} from './retry-schedule';

describe('delivery retry schedules', () => {
  it('retries webhooks, Slack and Teams for about three days (R6.3), growing waits', () => {
    const total = WEBHOOK_RETRY_DELAYS_MS.reduce((sum, ms) => sum + ms, 0);
    expect(total / 86_400_000).toBeGreaterThanOrEqual(3);
    expect(total / 86_400_000).toBeLessThan(3.5);
    for (let i = 1; i < WEBHOOK_RETRY_DELAYS_MS.length; i++) {
      expect(WEBHOOK_RETRY_DELAYS_MS[i]).toBeGreaterThanOrEqual(WEBHOOK_RETRY_DELAYS_MS[i - 1]);
    }
    for (const channel of ['webhook', 'slack', 'teams'] as const) {
      expect(deliveryJobOptions(channel).attempts).toBe(WEBHOOK_RETRY_DELAYS_MS.length + 1);
    }
  });

  it('waits per attempt as scheduled, the last wait repeating', () => {
    expect(webhookBackoff(1)).toBe(2000);
    expect(webhookBackoff(2)).toBe(60_000);
    expect(webhookBackoff(99)).toBe(24 * 3_600_000);
  });

  it('keeps e-mail and Chatwork on short exponential retries', () => {
    expect(deliveryJobOptions('email')).toEqual({
      attempts: DELIVERY_ATTEMPTS,
      backoff: { type: 'exponential', delay: 2000 },
    });
    expect(deliveryJobOptions('chatwork').attempts).toBe(DELIVERY_ATTEMPTS);
  });
});
