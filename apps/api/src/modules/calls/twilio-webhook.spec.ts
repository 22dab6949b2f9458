import { isValidWebhookSignature, newCallSid, signWebhook, voiceWebhookParams } from './twilio-webhook';

describe('Twilio webhook signatures', () => {
  it('matches Twilio’s published test vector', () => {
    const params = {
      CallSid: 'CA1234567890ABCDE',
      Caller: '+12349013030',
      Digits: '1234',
      From: '+12349013030',
      To: '+18005551212',
    };
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    expect(signWebhook('12345', url, params)).toBe('0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
    expect(isValidWebhookSignature('12345', '0/KCTR6DLpKmkAf8muzZqo1nDgQ=', url, params)).toBe(true);
  });

  it('refuses a missing signature, another token, another URL or changed parameters', () => {
    const params = voiceWebhookParams({ callSid: newCallSid(), from: '+819012345678', to: '+81312345678' });
    const url = 'http://localhost:3000/api/v1/telephony/voice';
    const sig = signWebhook('token-token-token', url, params);
    expect(isValidWebhookSignature('token-token-token', sig, url, params)).toBe(true);
    expect(isValidWebhookSignature('token-token-token', undefined, url, params)).toBe(false);
    expect(isValidWebhookSignature('other-token-token', sig, url, params)).toBe(false);
    expect(
      isValidWebhookSignature('token-token-token', sig, 'http://evil.example/api/v1/telephony/voice', params),
    ).toBe(false);
    expect(isValidWebhookSignature('token-token-token', sig, url, { ...params, From: '+819099999999' })).toBe(
      false,
    );
  });

  it('makes CallSids in Twilio’s shape', () => {
    expect(newCallSid()).toMatch(/^CA[0-9a-f]{32}$/);
  });
});
