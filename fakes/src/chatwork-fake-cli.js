// `node fakes/src/chatwork-fake-cli.js [--port 2580] [--host 127.0.0.1] [--client-id …] [--client-secret …]
// [--redirect-uri URI …] [--access-token-ttl 900] [--quiet]` (or CHATWORK_FAKE_PORT / CHATWORK_FAKE_HOST):
// the Chatwork fake (API v2 + OAuth, demo users in chatwork-fake.js) until Ctrl-C.
import { parseArgs } from 'node:util';
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, startChatworkFake } from './chatwork-fake.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CHATWORK_FAKE_PORT ?? '2580' },
    host: { type: 'string', default: process.env.CHATWORK_FAKE_HOST ?? '127.0.0.1' },
    'client-id': { type: 'string', default: DEMO_CLIENT_ID },
    'client-secret': { type: 'string', default: DEMO_CLIENT_SECRET },
    'redirect-uri': { type: 'string', multiple: true },
    'access-token-ttl': { type: 'string', default: '900' },
    quiet: { type: 'boolean', default: false },
  },
});

const fake = await startChatworkFake({
  host: values.host,
  port: Number(values.port),
  clientId: values['client-id'],
  clientSecret: values['client-secret'],
  redirectUris: values['redirect-uri'],
  accessTokenTtlSeconds: Number(values['access-token-ttl']),
  quiet: values.quiet,
});
console.log(`chatwork-fake: Chatwork API v2 + OAuth on ${fake.url}`);
console.log(
  `  consent page  ${fake.url}/packages/oauth2/login.php   token  ${fake.url}/token   API  ${fake.url}/v2`,
);
console.log(`  client_id ${fake.clientId}   client_secret ${fake.clientSecret}`);
console.log(
  `  redirect URIs ${values['redirect-uri']?.join(' ') ?? 'any https:// or http://localhost|127.0.0.1 URI'}`,
);
for (const user of fake.state.users.values()) {
  console.log(`  user ${user.account_id} ${user.name}   X-ChatWorkToken ${fake.apiTokenOf(user.account_id)}`);
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    void fake.close().then(() => process.exit(0));
  });
}
