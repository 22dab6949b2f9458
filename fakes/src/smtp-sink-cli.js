// `node fakes/src/smtp-sink-cli.js [--smtp-port 1025] [--http-port 1080] [--host 127.0.0.1]`
// (or SMTP_SINK_PORT / SMTP_SINK_HTTP_PORT / SMTP_SINK_HOST): the SMTP sink until Ctrl-C.
import { parseArgs } from 'node:util';
import { startSmtpSink } from './smtp-sink.js';

const { values } = parseArgs({
  options: {
    'smtp-port': { type: 'string', default: process.env.SMTP_SINK_PORT ?? '1025' },
    'http-port': { type: 'string', default: process.env.SMTP_SINK_HTTP_PORT ?? '1080' },
    host: { type: 'string', default: process.env.SMTP_SINK_HOST ?? '127.0.0.1' },
  },
});

const sink = await startSmtpSink({
  host: values.host,
  smtpPort: Number(values['smtp-port']),
  httpPort: Number(values['http-port']),
});
console.log(`smtp-sink: SMTP on ${sink.host}:${sink.smtpPort}, inbox ${sink.url}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void sink.close().then(() => process.exit(0));
  });
}
