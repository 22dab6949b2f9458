// `node fakes/src/payment-sandbox-cli.js [--port 12111] [--host 127.0.0.1]` (or PAYMENT_SANDBOX_PORT /
// PAYMENT_SANDBOX_HOST): the payment sandbox (Stripe's API, test cards in payment-sandbox.js) until Ctrl-C.
import { parseArgs } from 'node:util';
import { startPaymentSandbox } from './payment-sandbox.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PAYMENT_SANDBOX_PORT ?? '12111' },
    host: { type: 'string', default: process.env.PAYMENT_SANDBOX_HOST ?? '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
    // signed events (Stripe's webhooks) go here; scripts/start.sh points them at the API
    'webhook-url': { type: 'string', default: process.env.PAYMENT_SANDBOX_WEBHOOK_URL },
    'webhook-secret': {
      type: 'string',
      default: process.env.PAYMENT_SANDBOX_WEBHOOK_SECRET ?? 'whsec_sandbox',
    },
  },
});

const sandbox = await startPaymentSandbox({
  host: values.host,
  port: Number(values.port),
  quiet: values.quiet,
  webhookUrl: values['webhook-url'] || undefined,
  webhookSecret: values['webhook-secret'] || undefined,
});
console.log(
  `payment-sandbox: Stripe-compatible API on ${sandbox.url} (any sk_test_/pk_test_ key)${values['webhook-url'] ? `, events to ${values['webhook-url']}` : ''}`,
);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
