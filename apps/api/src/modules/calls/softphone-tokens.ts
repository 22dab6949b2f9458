import { Inject, Injectable } from '@nestjs/common';
import twilio from 'twilio';
import { APP_CONFIG, type AppConfig } from '../../config/app.config';

/** Access tokens live this long; the console refreshes them before they expire. */
export const SOFTPHONE_TOKEN_TTL_SECONDS = 3600;

/** The softphone identity of an operator: letters, digits and underscores only (Twilio's advice). */
export function operatorIdentity(userId: string): string {
  return `op_${userId.replace(/-/g, '')}`;
}

/**
 * Twilio access tokens for operators' softphones: an AccessToken with a VoiceGrant that allows
 * incoming calls, one identity per operator, short-lived. The fake verifies the same JWT with the
 * same API key secret. Never logged.
 */
@Injectable()
export class SoftphoneTokens {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  mint(userId: string, now = new Date()): { token: string; identity: string; expiresAt: Date } {
    const t = this.config.telephony;
    const identity = operatorIdentity(userId);
    const token = new twilio.jwt.AccessToken(t.accountSid, t.apiKeySid, t.apiKeySecret, {
      identity,
      ttl: SOFTPHONE_TOKEN_TTL_SECONDS,
      nbf: Math.floor(now.getTime() / 1000) - 5,
    });
    token.addGrant(
      new twilio.jwt.AccessToken.VoiceGrant({
        incomingAllow: true,
        ...(t.twimlAppSid ? { outgoingApplicationSid: t.twimlAppSid } : {}),
      }),
    );
    return {
      token: token.toJwt(),
      identity,
      expiresAt: new Date(now.getTime() + SOFTPHONE_TOKEN_TTL_SECONDS * 1000),
    };
  }
}
