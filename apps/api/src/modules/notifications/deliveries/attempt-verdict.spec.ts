import { attemptVerdict, type AttemptVerdict } from './attempt-verdict';
import { permanentFailure, retryAt, sent, type SendOutcome } from './channels/notification-channel';

const RESET = new Date('2026-12-01T10:00:10Z');

describe('what one delivery attempt comes to (R6.4)', () => {
  it.each<[string, SendOutcome, number, number, AttemptVerdict]>([
    ['sent on the first attempt', sent(), 0, 5, { verdict: 'sent' }],
    ['sent on the last attempt', sent(), 4, 5, { verdict: 'sent' }],
    ['a 503, attempts left', retryAt('HTTP 503'), 0, 5, { verdict: 'retry', reason: 'HTTP 503' }],
    [
      'a 503 on the last attempt',
      retryAt('HTTP 503'),
      4,
      5,
      { verdict: 'failed', reason: 'HTTP 503', permanent: false },
    ],
    [
      'a refusal on the first attempt',
      permanentFailure('HTTP 404'),
      0,
      5,
      { verdict: 'failed', reason: 'HTTP 404', permanent: true },
    ],
    [
      "Chatwork's 429 on the last attempt waits for the reset, spending nothing",
      retryAt('rate limit', RESET),
      4,
      5,
      { verdict: 'retry-at', reason: 'rate limit', at: RESET },
    ],
    [
      'a single-attempt job that fails',
      retryAt('timeout'),
      0,
      1,
      { verdict: 'failed', reason: 'timeout', permanent: false },
    ],
  ])('%s', (_, outcome, attemptsMade, attempts, expected) => {
    expect(attemptVerdict(outcome, attemptsMade, attempts)).toEqual(expected);
  });
});
