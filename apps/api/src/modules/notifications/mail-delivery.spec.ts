import { maskAddress, messageIdFor } from './mail.processor';
import { classifySmtpError } from './smtp-mail.transport';

describe('classifySmtpError', () => {
  const permanent = (err: object) => classifySmtpError(Object.assign(new Error('x'), err)).permanent;

  it('treats 5xx replies as permanent, except 503', () => {
    expect(permanent({ code: 'EENVELOPE', responseCode: 550 })).toBe(true);
    expect(permanent({ code: 'EMESSAGE', responseCode: 554 })).toBe(true);
    expect(permanent({ code: 'EAUTH', responseCode: 535 })).toBe(true);
    expect(permanent({ code: 'EPROTOCOL', responseCode: 503 })).toBe(false);
  });

  it('treats 4xx replies and connection trouble as temporary', () => {
    expect(permanent({ code: 'EMESSAGE', responseCode: 451 })).toBe(false);
    expect(permanent({ code: 'EENVELOPE', responseCode: 452 })).toBe(false);
    expect(permanent({ code: 'ECONNECTION' })).toBe(false);
    expect(permanent({ code: 'ESOCKET' })).toBe(false);
    expect(permanent({ code: 'ETIMEDOUT' })).toBe(false);
    expect(permanent({ code: 'EDNS' })).toBe(false);
  });

  it('treats an envelope nodemailer itself rejects as permanent', () => {
    expect(permanent({ code: 'EENVELOPE' })).toBe(true);
  });
});

it('derives a stable Message-ID from the job id', () => {
  expect(messageIdFor('mail-confirm-email-42ab', 'example.jp')).toBe('<mail-confirm-email-42ab@example.jp>');
  expect(messageIdFor('mail-x-a b@c', 'example.jp')).toMatch(/^<mail-[0-9a-f]{32}@example\.jp>$/);
});

it('masks addresses for the log', () => {
  expect(maskAddress('yamada@example.jp')).toBe('y***@example.jp');
  expect(maskAddress('nonsense')).toBe('***');
});
