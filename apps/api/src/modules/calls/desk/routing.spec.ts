import { chooseOffers, type FreeOperator, type WaitingCall } from './routing';

const at = (second: number) => new Date(Date.UTC(2026, 11, 7, 1, 0, second));
const call = (id: string, second: number, extra: Partial<WaitingCall> = {}): WaitingCall => ({
  id,
  startedAt: at(second),
  vip: false,
  lastOfferedTo: null,
  ...extra,
});
const op = (userId: string, idleSecond: number): FreeOperator => ({ userId, idleSince: at(idleSecond) });

describe('chooseOffers: which waiting call goes to which free operator', () => {
  const table: [string, WaitingCall[], FreeOperator[], [string, string][]][] = [
    ['nothing waiting', [], [op('A', 0)], []],
    ['nobody free', [call('c1', 0)], [], []],
    ['one call, one operator', [call('c1', 0)], [op('A', 0)], [['c1', 'A']]],
    [
      'the longest-waiting call goes to the operator idle longest',
      [call('late', 30), call('early', 10)],
      [op('fresh', 50), op('idle', 5)],
      [
        ['early', 'idle'],
        ['late', 'fresh'],
      ],
    ],
    [
      'more calls than operators: the oldest calls are served, the rest wait',
      [call('c3', 3), call('c1', 1), call('c2', 2)],
      [op('A', 0), op('B', 1)],
      [
        ['c1', 'A'],
        ['c2', 'B'],
      ],
    ],
    [
      'more operators than calls: the ones idle longest get them',
      [call('c1', 1)],
      [op('B', 9), op('A', 1), op('C', 5)],
      [['c1', 'A']],
    ],
    [
      'a VIP caller goes first even when they called later',
      [call('normal', 1), call('vip', 40, { vip: true })],
      [op('A', 0)],
      [['vip', 'A']],
    ],
    [
      'VIPs among themselves: longest wait first',
      [call('vip-late', 40, { vip: true }), call('vip-early', 20, { vip: true }), call('n', 1)],
      [op('A', 0), op('B', 1)],
      [
        ['vip-early', 'A'],
        ['vip-late', 'B'],
      ],
    ],
    [
      'a missed call goes to the next operator, not back to the one who missed it',
      [call('c1', 1, { lastOfferedTo: 'A' })],
      [op('A', 0), op('B', 30)],
      [['c1', 'B']],
    ],
    [
      'the one who missed it gets it again when nobody else is free',
      [call('c1', 1, { lastOfferedTo: 'A' })],
      [op('A', 0)],
      [['c1', 'A']],
    ],
    [
      'equal waits and idle times are broken by id, so every process decides alike',
      [call('b', 1), call('a', 1)],
      [op('Y', 0), op('X', 0)],
      [
        ['a', 'X'],
        ['b', 'Y'],
      ],
    ],
  ];

  it.each(table)('%s', (_name, calls, operators, expected) => {
    const offers = chooseOffers(calls, operators);
    expect(offers.map((o) => [o.callId, o.operatorId])).toEqual(expected);
  });

  it('never offers one call twice nor gives one operator two calls', () => {
    const calls = Array.from({ length: 50 }, (_, i) => call(`c${i}`, i % 7, { vip: i % 5 === 0 }));
    const operators = Array.from({ length: 20 }, (_, i) => op(`o${i}`, (i * 3) % 11));
    const offers = chooseOffers(calls, operators);
    expect(offers).toHaveLength(20);
    expect(new Set(offers.map((o) => o.callId)).size).toBe(20);
    expect(new Set(offers.map((o) => o.operatorId)).size).toBe(20);
  });
});
