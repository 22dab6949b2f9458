import { reportUnavailable } from './unavailable-report';

describe('reportUnavailable: a burst of 503s is one log line, every one is counted', () => {
  it('logs the first, counts the rest silently, and logs again after the window with the count', () => {
    const warn = jest.fn();
    const t0 = 1_000_000_000;
    for (let i = 0; i < 100; i++)
      reportUnavailable('db_pool', new Error('timeout exceeded when trying to connect'), { warn }, t0 + i);
    expect(warn).toHaveBeenCalledTimes(1);
    reportUnavailable('db_pool', new Error('timeout exceeded when trying to connect'), { warn }, t0 + 10_500);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(warn.mock.calls[1][1]).toMatch(/99 more since the previous line/);
    // another cause has its own window
    reportUnavailable('redis', new Error("Stream isn't writeable"), { warn }, t0 + 10_600);
    expect(warn).toHaveBeenCalledTimes(3);
  });
});
