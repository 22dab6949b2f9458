import {
  aggregateCalls,
  averageSeconds,
  longestWaitSeconds,
  operatorBoard,
  periodFigures,
  serviceLevel,
  tokyoDayStart,
  type CallTimes,
  type DeskSnapshot,
} from './wallboard-figures';

const at = (iso: string) => new Date(iso);
const plus = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000);

describe('tokyoDayStart (Japan-day boundaries, UTC+9 all year)', () => {
  it.each([
    // [now (UTC), Japan date, 00:00 Japan time in UTC]
    ['2026-05-01T03:00:00.000Z', '2026-05-01', '2026-04-30T15:00:00.000Z'], // 12:00 JST
    ['2026-05-01T14:59:59.999Z', '2026-05-01', '2026-04-30T15:00:00.000Z'], // 23:59:59.999 JST
    ['2026-05-01T15:00:00.000Z', '2026-05-02', '2026-05-01T15:00:00.000Z'], // 00:00 JST next day
    ['2026-04-30T15:00:00.000Z', '2026-05-01', '2026-04-30T15:00:00.000Z'], // exactly midnight JST
    ['2026-12-31T20:00:00.000Z', '2027-01-01', '2026-12-31T15:00:00.000Z'], // new year in Japan first
    ['2028-02-28T16:00:00.000Z', '2028-02-29', '2028-02-28T15:00:00.000Z'], // leap day
    ['2026-03-29T01:30:00.000Z', '2026-03-29', '2026-03-28T15:00:00.000Z'], // Europe's DST change: no effect
  ])('at %s the Japan day is %s, from %s', (now, date, start) => {
    const day = tokyoDayStart(at(now));
    expect(day.date).toBe(date);
    expect(day.start.toISOString()).toBe(start);
  });
});

describe('service level and averages', () => {
  it('is the share answered within target among answered and abandoned calls', () => {
    expect(serviceLevel(3, 4, 1)).toBe(0.6);
    expect(serviceLevel(1, 2, 1)).toBe(0.3333);
    expect(serviceLevel(0, 0, 3)).toBe(0);
    expect(serviceLevel(5, 5, 0)).toBe(1);
  });

  it('is null when no call was answered or abandoned (not 0 %, not 100 %)', () => {
    expect(serviceLevel(0, 0, 0)).toBeNull();
  });

  it('averages to 0.1 s, null over nothing', () => {
    expect(averageSeconds(10 + 25, 2)).toBe(17.5);
    expect(averageSeconds(10, 3)).toBe(3.3);
    expect(averageSeconds(0, 0)).toBeNull();
  });
});

describe('aggregateCalls + periodFigures (the figures from call rows)', () => {
  const since = at('2026-05-01T00:00:00.000Z');
  const t0 = at('2026-05-01T01:00:00.000Z');
  const calls: CallTimes[] = [
    // answered after 8 s, talked 120 s
    { startedAt: t0, outcome: 'answered', answeredAt: plus(t0, 8), endedAt: plus(t0, 128) },
    // answered after exactly 20 s (within target), still talking
    { startedAt: t0, outcome: 'answered', answeredAt: plus(t0, 20), endedAt: null },
    // answered after 20.5 s (missed the target), talked 60 s
    { startedAt: t0, outcome: 'answered', answeredAt: plus(t0, 20.5), endedAt: plus(t0, 80.5) },
    // abandoned after 3 s: counts against the service level however short
    { startedAt: t0, outcome: 'abandoned', answeredAt: null, endedAt: plus(t0, 3) },
    // still waiting, rejected (out of hours): neither answered nor abandoned
    { startedAt: t0, outcome: null, answeredAt: null, endedAt: null },
    { startedAt: t0, outcome: null, answeredAt: null, endedAt: plus(t0, 5) },
    // before the period: ignored
    { startedAt: plus(since, -1), outcome: 'answered', answeredAt: plus(since, 5), endedAt: plus(since, 50) },
    { startedAt: plus(since, -1), outcome: 'abandoned', answeredAt: null, endedAt: plus(since, 1) },
  ];

  it('counts answered, abandoned and within-target calls and sums waits and talk times', () => {
    expect(aggregateCalls(calls, since)).toEqual({
      answered: 3,
      abandoned: 1,
      answeredWithinTarget: 2,
      waitSecondsSum: 48.5,
      talked: 2,
      talkSecondsSum: 180,
    });
  });

  it('turns the sums into the wallboard figures', () => {
    expect(periodFigures(aggregateCalls(calls, since))).toEqual({
      answered: 3,
      abandoned: 1,
      answeredWithinTarget: 2,
      serviceLevel: 0.5,
      averageWaitSeconds: 16.2, // 48.5 / 3
      talkedCalls: 2,
      averageTalkSeconds: 90,
    });
  });

  it('counts a call started just at the period start, not one a millisecond before', () => {
    const edge: CallTimes[] = [
      { startedAt: since, outcome: 'abandoned', answeredAt: null, endedAt: plus(since, 9) },
      { startedAt: plus(since, -0.001), outcome: 'abandoned', answeredAt: null, endedAt: plus(since, 9) },
    ];
    expect(aggregateCalls(edge, since).abandoned).toBe(1);
  });

  it('has nulls, not zeros, for an empty period', () => {
    expect(periodFigures(aggregateCalls([], since))).toEqual({
      answered: 0,
      abandoned: 0,
      answeredWithinTarget: 0,
      serviceLevel: null,
      averageWaitSeconds: null,
      talkedCalls: 0,
      averageTalkSeconds: null,
    });
  });
});

describe('operatorBoard', () => {
  const now = at('2026-05-01T03:00:00.000Z');
  const desk = (
    userId: string,
    status: DeskSnapshot['status'],
    sinceSeconds: number,
    seenAgo: number | null,
  ) => ({
    userId,
    status,
    statusSince: plus(now, -sinceSeconds),
    seenAt: seenAgo === null ? null : plus(now, -seenAgo),
    currentCallId: ['offered', 'on_call', 'wrap_up'].includes(status) ? `call-${userId}` : null,
  });
  const names = new Map([
    ['a', '青木'],
    ['b', '伊藤'],
    ['c', '上田'],
    ['d', '江藤'],
  ]);

  it('lists operators by state (available first), longest in state first, with time in state', () => {
    const { operators, counts } = operatorBoard(
      [
        desk('d', 'on_call', 30, 1),
        desk('a', 'available', 10, 2),
        desk('b', 'available', 90.9, 3),
        desk('c', 'wrap_up', 5, 4),
        desk('e', 'break', 600, 2),
        desk('f', 'away', 60, null),
        desk('g', 'offered', 3, 1),
      ],
      names,
      now,
      15,
    );
    expect(operators.map((o) => [o.userId, o.status, o.secondsInStatus])).toEqual([
      ['b', 'available', 90],
      ['a', 'available', 10],
      ['g', 'offered', 3],
      ['d', 'on_call', 30],
      ['c', 'wrap_up', 5],
      ['e', 'break', 600],
      ['f', 'away', 60],
    ]);
    expect(operators[0]).toMatchObject({
      name: '伊藤',
      statusSince: '2026-05-01T02:58:29.100Z',
      connected: true,
    });
    expect(operators.find((o) => o.userId === 'e')?.name).toBeNull();
    expect(counts).toEqual({
      available: 2,
      offered: 1,
      onCall: 1,
      wrapUp: 1,
      break: 1,
      away: 1,
      disconnected: 1,
    });
  });

  it('leaves offline operators out unless they still hold a call; stale consoles are not connected', () => {
    const { operators, counts } = operatorBoard(
      [
        desk('a', 'offline', 100, null),
        { ...desk('b', 'offline', 100, 20), currentCallId: 'call-b' },
        desk('c', 'available', 100, 15),
        desk('d', 'available', 100, 14.9),
      ],
      names,
      now,
      15,
    );
    expect(operators.map((o) => [o.userId, o.connected])).toEqual([
      ['c', false],
      ['d', true],
      ['b', false],
    ]);
    expect(counts).toMatchObject({ available: 2, disconnected: 2 });
  });

  it('never shows a negative time in state (clock skew between the API and PostgreSQL)', () => {
    const { operators } = operatorBoard([desk('a', 'available', -2, 0)], names, now, 15);
    expect(operators[0].secondsInStatus).toBe(0);
  });
});

describe('longestWaitSeconds', () => {
  const now = at('2026-05-01T03:00:00.000Z');
  it('is whole seconds since the oldest waiting call started, 0 when none waits', () => {
    expect(longestWaitSeconds(plus(now, -42.7), now)).toBe(42);
    expect(longestWaitSeconds(null, now)).toBe(0);
    expect(longestWaitSeconds(plus(now, 1), now)).toBe(0);
  });
});
