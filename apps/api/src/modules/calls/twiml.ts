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

/** Within hours: a greeting, then the operators' queue with our hold message and result route. */
export function enqueueTwiml(publicBaseUrl: string): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.say(SAY, ANNOUNCEMENTS.greeting);
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

/** Played in a loop while the caller waits (Twilio re-requests waitUrl when it ends). */
export function holdTwiml(): string {
  const vr = new twilio.twiml.VoiceResponse();
  vr.say(SAY, ANNOUNCEMENTS.hold);
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
