// Types for twilio-fake-pages.js (internal to the Twilio fake).
export function statusPage(state: {
  calls: unknown[];
  queues: unknown[];
  identities: string[];
  accountSid: string;
  voiceUrl: string | null;
}): string;
export function phonePage(): string;
