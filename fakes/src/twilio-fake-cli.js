// `node fakes/src/twilio-fake-cli.js [--port 12380] [--host 127.0.0.1]
// [--voice-url http://localhost:3000/api/v1/telephony/voice]
// [--status-callback http://localhost:3000/api/v1/telephony/status] [--account-sid AC…]
// [--auth-token …] [--api-key-sid SK…] [--api-key-secret …] [--time-scale 1] [--quiet]`
// (or TWILIO_FAKE_PORT / TWILIO_FAKE_HOST / TWILIO_FAKE_VOICE_URL / TWILIO_FAKE_STATUS_CALLBACK):
// the Twilio Programmable Voice fake (REST, signed webhooks, softphone WebSocket, phone page) until Ctrl-C.
import { parseArgs } from 'node:util';
import {
  DEFAULT_ACCOUNT_SID,
  DEFAULT_API_KEY_SECRET,
  DEFAULT_API_KEY_SID,
  DEFAULT_AUTH_TOKEN,
  startTwilioFake,
} from './twilio-fake.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.TWILIO_FAKE_PORT ?? '12380' },
    host: { type: 'string', default: process.env.TWILIO_FAKE_HOST ?? '127.0.0.1' },
    'voice-url': {
      type: 'string',
      default: process.env.TWILIO_FAKE_VOICE_URL ?? 'http://localhost:3000/api/v1/telephony/voice',
    },
    'status-callback': {
      type: 'string',
      default: process.env.TWILIO_FAKE_STATUS_CALLBACK ?? 'http://localhost:3000/api/v1/telephony/status',
    },
    'account-sid': { type: 'string', default: DEFAULT_ACCOUNT_SID },
    'auth-token': { type: 'string', default: DEFAULT_AUTH_TOKEN },
    'api-key-sid': { type: 'string', default: DEFAULT_API_KEY_SID },
    'api-key-secret': { type: 'string', default: DEFAULT_API_KEY_SECRET },
    'time-scale': { type: 'string', default: '1' },
    quiet: { type: 'boolean', default: false },
  },
});

const fake = await startTwilioFake({
  host: values.host,
  port: Number(values.port),
  voiceUrl: values['voice-url'],
  statusCallback: values['status-callback'],
  accountSid: values['account-sid'],
  authToken: values['auth-token'],
  apiKeySid: values['api-key-sid'],
  apiKeySecret: values['api-key-secret'],
  timeScale: Number(values['time-scale']),
  quiet: values.quiet,
});
console.log(`twilio-fake: Twilio Programmable Voice on ${fake.url}`);
console.log(`  REST        ${fake.url}/2010-04-01/Accounts/${fake.accountSid}/…   (Basic auth)`);
console.log(`  softphones  ${fake.wsUrl}   phone page ${fake.url}/phone   status ${fake.url}/`);
console.log(`  voice webhook ${fake.voiceUrl}   status callback ${fake.statusCallback}`);
console.log(`  TWILIO_ACCOUNT_SID=${fake.accountSid}`);
console.log(`  TWILIO_AUTH_TOKEN=${fake.authToken}`);
console.log(`  TWILIO_API_KEY_SID=${fake.apiKeySid}`);
console.log(`  TWILIO_API_KEY_SECRET=${fake.apiKeySecret}`);

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
