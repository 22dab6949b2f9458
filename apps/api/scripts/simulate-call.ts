/**
 * Rings a running API the way Twilio would: builds the incoming-call webhook, signs it with the
 * auth token (X-Twilio-Signature) for the API's public URL, posts it and prints the TwiML answer;
 * optionally hangs up after N seconds with a signed status callback.
 *
 *   pnpm simulate-call -- --to 03-1234-5678 --from 090-1234-5678 [--hangup-after 30]
 *
 * Options: --from anonymous (非通知, the default), --status completed|busy|no-answer|canceled|failed,
 * --url <public origin> and --token <auth token> (default: TELEPHONY_PUBLIC_BASE_URL and
 * TWILIO_AUTH_TOKEN from the environment or .env, else the development defaults).
 */
import { parseArgs } from 'node:util';
import { DEV_TWILIO_AUTH_TOKEN, loadConfig } from '../src/config/app.config';
import {
  TELEPHONY_PATHS,
  newCallSid,
  postSignedWebhook,
  simulatedNumber,
  statusWebhookParams,
  voiceWebhookParams,
} from '../src/modules/calls/twilio-webhook';

function defaults(): { url: string; token: string } {
  try {
    const config = loadConfig();
    return {
      url: config.telephony.publicBaseUrl,
      token: config.telephony.authToken ?? DEV_TWILIO_AUTH_TOKEN,
    };
  } catch {
    // No valid .env (e.g. JWT_SECRET missing): the environment or the development defaults.
    return {
      url: process.env.TELEPHONY_PUBLIC_BASE_URL ?? `http://localhost:${process.env.API_PORT ?? 3000}`,
      token: process.env.TWILIO_AUTH_TOKEN ?? DEV_TWILIO_AUTH_TOKEN,
    };
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2).filter((a) => a !== '--'),
    options: {
      to: { type: 'string' },
      from: { type: 'string', default: 'anonymous' },
      'hangup-after': { type: 'string' },
      status: { type: 'string', default: 'completed' },
      url: { type: 'string' },
      token: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.to) {
    console.log(
      'usage: pnpm simulate-call -- --to 03-1234-5678 [--from 090-1234-5678|anonymous] [--hangup-after 30]',
    );
    return values.help ? 0 : 2;
  }
  const to = simulatedNumber(values.to, 'to');
  const from = simulatedNumber(values.from, 'from');
  if (!to || !from) {
    console.error(`not a Japanese phone number: ${!to ? values.to : values.from}`);
    return 2;
  }
  const base = defaults();
  const publicBaseUrl = values.url ?? base.url;
  const authToken = values.token ?? base.token;
  const callSid = newCallSid();

  console.log(`ringing ${to} from ${from} (CallSid ${callSid}) → ${publicBaseUrl}${TELEPHONY_PATHS.voice}`);
  const started = Date.now();
  const answer = await postSignedWebhook({
    publicBaseUrl,
    path: TELEPHONY_PATHS.voice,
    authToken,
    params: voiceWebhookParams({ callSid, from, to }),
  });
  console.log(
    `HTTP ${answer.status} (${answer.contentType ?? 'no content type'}) in ${Date.now() - started} ms`,
  );
  console.log(answer.body);
  if (answer.status !== 200) return 1;

  const hangupAfter = values['hangup-after'];
  if (hangupAfter !== undefined) {
    const seconds = Math.max(0, Number(hangupAfter) || 0);
    console.log(`hanging up in ${seconds} s …`);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const status = await postSignedWebhook({
      publicBaseUrl,
      path: TELEPHONY_PATHS.status,
      authToken,
      params: statusWebhookParams({ callSid, from, to, status: values.status!, durationSeconds: seconds }),
    });
    console.log(`status callback (${values.status}, ${seconds} s): HTTP ${status.status}`);
    if (status.status >= 300) {
      console.log(status.body);
      return 1;
    }
  }
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`simulate-call failed: ${err.message}`);
    process.exit(1);
  },
);
