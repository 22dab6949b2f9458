// `node fakes/src/payment-sandbox-cli.js [--port 12111] [--host 127.0.0.1]` (or PAYMENT_SANDBOX_PORT /
// PAYMENT_SANDBOX_HOST): the payment sandbox (Stripe's API, test cards in payment-sandbox.js) until Ctrl-C.
import { parseArgs } from 'node:util';
import { startPaymentSandbox } from './payment-sandbox.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.PAYMENT_SANDBOX_PORT ?? '12111' },
    host: { type: 'string', default: process.env.PAYMENT_SANDBOX_HOST ?? '127.0.0.1' },
    quiet: { type: 'boolean', default: false },
  },
});

const sandbox = await startPaymentSandbox({
  host: values.host,
  port: Number(values.port),
  quiet: values.quiet,
});
console.log(`payment-sandbox: Stripe-compatible API on ${sandbox.url} (any sk_test_/pk_test_ key)`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
