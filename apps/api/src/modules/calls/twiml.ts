import twilio from 'twilio';
import { TELEPHONY_PATHS, webhookUrl } from './twilio-webhook';

/** What callers hear (Japanese, Amazon Polly's Mizuki). */
export const ANNOUNCEMENTS = {
  /** R3.6: the default out-of-hours announcement, word for word. */
  outOfHours: 'お電話ありがとうございます。只今営業時間外の為、営業時間内におかけ直し頂くようお願い致します',
  notInService:
    'おかけになった電話番号は、現在使われておりません。番号をお確かめになって、もう一度おかけ直しください。',
  /** R4.9: short, and reaches no one. */
  blocked: '申し訳ございません。この電話はおつなぎできません。',
  greeting: 'お電話ありがとうございます。ただいま担当者におつなぎいたします。少々お待ちください。',
  hold: 'ただいま担当者におつなぎしております。恐れ入りますが、そのままお待ちください。',
  /** The operator put the caller on hold (保留). */
  onHold: 'ただいま保留中です。恐れ入りますが、そのままお待ちください。',
  queueFailed:
    '申し訳ございません。ただいま電話が大変混み合っております。恐れ入りますが、しばらくしてからおかけ直しください。',
} as const;

/** The Twilio queue every waiting call joins; operators dequeue from it. */
export const OPERATORS_QUEUE = 'operators';

const SAY = { language: 'ja-JP', voice: 'Polly.Mizuki' } as const;

function sayAndHangUp(text: string): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.say(SAY, text);
  vr.hangup();
  return vr.toString();
}

export const notInServiceTwiml = () => sayAndHangUp(ANNOUNCEMENTS.notInService);
export const blockedTwiml = () => sayAndHangUp(ANNOUNCEMENTS.blocked);
export const outOfHoursTwiml = (text: string | null) => sayAndHangUp(text ?? ANNOUNCEMENTS.outOfHours);

/**
 * Within hours: straight into the operators' queue (with our waiting message and result route). The
 * greeting is the queue's first waiting message, so a free operator is rung at once instead of after
 * it (the operator then greets in the customer's name).
 */
export function enqueueTwiml(publicBaseUrl: string): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.enqueue(
    {
      action: webhookUrl(publicBaseUrl, TELEPHONY_PATHS.queueResult),
      method: 'POST',
      waitUrl: webhookUrl(publicBaseUrl, TELEPHONY_PATHS.queueWait),
      waitUrlMethod: 'POST',
    },
    OPERATORS_QUEUE,
  );
  return vr.toString();
}

/**
 * Played while the caller waits (Twilio re-requests waitUrl when it ends): the greeting when the
 * call has just come in, then the hold message in a loop.
 */
export function holdTwiml(options: { greeting?: boolean } = {}): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.say(SAY, options.greeting ? ANNOUNCEMENTS.greeting : ANNOUNCEMENTS.hold);
  vr.pause({ length: 10 });
  return vr.toString();
}

/** After the queue: a full queue or an error gets an apology; otherwise nothing more is said. */
export function queueResultTwiml(queueResult: string | undefined): string {
  if (queueResult && ['queue-full', 'error', 'system-shutdown'].includes(queueResult)) {
    return sayAndHangUp(ANNOUNCEMENTS.queueFailed);
  }
  return new twilio.twiml.VoiceResponse().toString();
}

export interface ConnectTwimlInput {
  publicBaseUrl: string;
  callId: string;
  offerId: string;
  /** The operator's softphone identity. */
  identity: string;
  timeoutSeconds: number;
  /** Ringing the same operator again after hold: their console accepts by itself. */
  resume?: boolean;
}

/**
 * Runs on the caller's leg once the desk took it out of the queue: rings the offered operator's
 * softphone, tells us each step of that leg (ringing, answered, completed, no-answer…) and, when
 * the dial ends, asks what next (dial-result).
 */
export function connectTwiml(input: ConnectTwimlInput): string {
  const q = `callId=${encodeURIComponent(input.callId)}&offerId=${encodeURIComponent(input.offerId)}`;
  const vr = new twilio.twiml.VoiceResponse();
  const dial = vr.dial({
    timeout: input.timeoutSeconds,
    answerOnBridge: true,
    action: webhookUrl(input.publicBaseUrl, `${TELEPHONY_PATHS.dialResult}?${q}`),
    method: 'POST',
  });
  const client = dial.client({
    statusCallback: webhookUrl(input.publicBaseUrl, `${TELEPHONY_PATHS.clientStatus}?${q}`),
    statusCallbackEvent: ['initiated', 'ringing', 'answered', 'completed'],
    statusCallbackMethod: 'POST',
  });
  client.identity(input.identity);
  client.parameter({ name: 'callId', value: input.callId });
  client.parameter({ name: 'offerId', value: input.offerId });
  if (input.resume) client.parameter({ name: 'resume', value: '1' });
  return vr.toString();
}

/** The caller on hold: the hold message, a pause, and again (until the operator resumes). */
export function onHoldTwiml(publicBaseUrl: string, callId: string): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.say(SAY, ANNOUNCEMENTS.onHold);
  vr.pause({ length: 10 });
  vr.redirect(
    { method: 'POST' },
    webhookUrl(publicBaseUrl, `${TELEPHONY_PATHS.onHold}?callId=${encodeURIComponent(callId)}`),
  );
  return vr.toString();
}

/** The conversation is over: end the caller's call. */
export function hangUpTwiml(): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.hangup();
  return vr.toString();
}

/** Nothing more to do (the caller is already gone). */
export function emptyTwiml(): string {
  return new twilio.twiml.VoiceResponse().toString();
}
