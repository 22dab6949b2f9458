import { AccountsRepository } from '../../src/modules/accounts/accounts.repository';
import { AccountsService } from '../../src/modules/accounts/accounts.service';
import { UsersRepository } from '../../src/modules/accounts/users.repository';
import { WallboardRepository } from '../../src/modules/calls/wallboard/wallboard.repository';
import { WallboardService } from '../../src/modules/calls/wallboard/wallboard.service';
import { insertAccount } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';
import {
  insertDesk,
  insertOperators,
  insertWallboardCall,
  type WallboardCallSeed,
} from '../support/wallboard-rows';

// The supervisor wallboard's figures (issue 14) from stored rows (calls, call_events,
// operator_desks), against WallboardService and its real repository. The instant the board is
// computed at is chosen by each test, so "today" (from 00:00 Japan time) and "the last hour" are
// exact. Who may read it and its live stream keep their cases in wallboard.e2e-spec.

let m: MediumContext;
let wallboard: WallboardService;
let accountId: string;

beforeAll(async () => {
  m = await startMedium({
    providers: [WallboardService, WallboardRepository, AccountsService, AccountsRepository, UsersRepository],
  });
  wallboard = m.get(WallboardService);
  accountId = await insertAccount(m);
});
afterAll(() => m?.close());

/** Japan time, as on a Japanese clock. */
const jst = (local: string) => new Date(`${local}+09:00`);
// A Thursday afternoon: two hours ago is still today, 26 hours ago is yesterday.
const NOW = jst('2026-10-15T14:00:00');
const call = (seed: WallboardCallSeed, now = NOW) => insertWallboardCall(m, accountId, now, seed);

describe('the figures', () => {
  // first: the file's database has no calls and no desks yet
  it('are empty (zeros and nulls) with no calls and no operators', async () => {
    expect(await wallboard.compute(NOW)).toEqual({
      serverTime: NOW.toISOString(),
      date: '2026-10-15',
      serviceLevelTargetSeconds: 20,
      waitingCalls: 0,
      longestWaitSeconds: 0,
      longestWaitingSince: null,
      operators: [],
      operatorCounts: { available: 0, offered: 0, onCall: 0, wrapUp: 0, break: 0, away: 0, disconnected: 0 },
      today: expect.objectContaining({ from: jst('2026-10-15T00:00:00').toISOString() }),
      lastHour: {
        from: jst('2026-10-15T13:00:00').toISOString(),
        answered: 0,
        abandoned: 0,
        answeredWithinTarget: 0,
        serviceLevel: null,
        averageWaitSeconds: null,
        talkedCalls: 0,
        averageTalkSeconds: null,
      },
    });
  });

  it('counts every figure from the stored rows', async () => {
    const [aoki, ito, ueda, eto, oda, kato] = await insertOperators(m, [
      '青木 一郎',
      '伊藤 二郎',
      '上田 三郎',
      '江藤 四郎',
      '小田 五郎',
      '加藤 六郎',
    ]);
    // answered within 20 s (8 s), talked 120 s, ended; its operator is in wrap-up
    const a = await call({
      state: 'ended',
      startedAgo: 600,
      answeredAfter: 8,
      endedAfter: 128,
      outcome: 'answered',
      claimedBy: eto,
    });
    // answered after 20 s (30 s), talked 90 s, ended
    await call({
      state: 'ended',
      startedAgo: 900,
      answeredAfter: 30,
      endedAfter: 120,
      outcome: 'answered',
      claimedBy: eto,
    });
    // answered at exactly 20 s (within target), still talking: a desk on this call
    const c = await call({
      state: 'claimed',
      startedAgo: 80,
      answeredAfter: 20,
      outcome: 'answered',
      claimedBy: aoki,
    });
    // abandoned after 40 s of waiting
    await call({ state: 'ended', startedAgo: 300, endedAfter: 40, outcome: 'abandoned' });
    // waiting now: one in the queue for 45 s, one ringing for an operator for 15 s
    await call({ state: 'waiting', startedAgo: 45 });
    const f = await call({ state: 'offered', startedAgo: 15, offeredTo: ito });
    // not ours (unknown number, rejected): never counted
    await call({ state: 'rejected_not_in_service', startedAgo: 60, endedAfter: 2, unknownNumber: true });
    // two hours ago: answered in 5 s, talked 60 s — today, not the last hour
    await call({
      state: 'ended',
      startedAgo: 7200,
      answeredAfter: 5,
      endedAfter: 65,
      outcome: 'answered',
      claimedBy: eto,
    });
    // 26 hours ago: yesterday
    await call({ state: 'ended', startedAgo: 26 * 3600, endedAfter: 10, outcome: 'abandoned' });

    await insertDesk(m, NOW, { userId: aoki, status: 'on_call', sinceAgo: 60, seenAgo: 1, callId: c });
    await insertDesk(m, NOW, { userId: ito, status: 'offered', sinceAgo: 2, seenAgo: 2, callId: f });
    await insertDesk(m, NOW, { userId: eto, status: 'wrap_up', sinceAgo: 8, seenAgo: 3, callId: a });
    // its console went stale: not connected
    await insertDesk(m, NOW, { userId: ueda, status: 'available', sinceAgo: 300, seenAgo: 30 });
    await insertDesk(m, NOW, { userId: oda, status: 'break', sinceAgo: 120, seenAgo: 4 });
    // logged off: not shown
    await insertDesk(m, NOW, { userId: kato, status: 'offline', sinceAgo: 5000, seenAgo: null });

    const board = await wallboard.compute(NOW);
    expect(board).toMatchObject({ serverTime: NOW.toISOString(), date: '2026-10-15' });

    // waiting now
    expect(board.waitingCalls).toBe(2);
    expect(board.longestWaitSeconds).toBe(45);
    expect(board.longestWaitingSince).toBe(new Date(NOW.getTime() - 45_000).toISOString());

    // operators: by state (available first), time in state, connected flag; offline left out
    expect(board.operators.map((o) => [o.name, o.status, o.connected, o.secondsInStatus])).toEqual([
      ['上田 三郎', 'available', false, 300],
      ['伊藤 二郎', 'offered', true, 2],
      ['青木 一郎', 'on_call', true, 60],
      ['江藤 四郎', 'wrap_up', true, 8],
      ['小田 五郎', 'break', true, 120],
    ]);
    expect(board.operatorCounts).toEqual({
      available: 1,
      offered: 1,
      onCall: 1,
      wrapUp: 1,
      break: 1,
      away: 0,
      disconnected: 1,
    });

    // the last hour: answered 8 s, 30 s, 20 s; abandoned 1; talked 120 s and 90 s
    expect(board.lastHour).toEqual({
      from: jst('2026-10-15T13:00:00').toISOString(),
      answered: 3,
      abandoned: 1,
      answeredWithinTarget: 2,
      serviceLevel: 0.5,
      averageWaitSeconds: 19.3, // 58 / 3
      talkedCalls: 2,
      averageTalkSeconds: 105,
    });
    // today: the same, plus the call of two hours ago
    expect(board.today).toEqual({
      from: jst('2026-10-15T00:00:00').toISOString(),
      answered: 4,
      abandoned: 1,
      answeredWithinTarget: 3,
      serviceLevel: 0.6,
      averageWaitSeconds: 15.8, // 63 / 4 = 15.75
      talkedCalls: 3,
      averageTalkSeconds: 90, // (120 + 90 + 60) / 3
    });
  });

  it('moves with the rows: a waiting caller hangs up (abandoned)', async () => {
    const before = await wallboard.compute(NOW);
    await m.sql(
      `UPDATE calls SET state = 'ended', outcome = 'abandoned', ended_at = $1,
         wait_seconds = extract(epoch FROM $1 - started_at) WHERE state = 'waiting'`,
      [NOW],
    );
    const after = await wallboard.compute(NOW);
    expect(after.waitingCalls).toBe(before.waitingCalls - 1);
    expect(after.lastHour.abandoned).toBe(before.lastHour.abandoned + 1);
    expect(after.lastHour.serviceLevel).toBe(0.4); // 2 / (3 + 2)
  });

  it('just after midnight in Japan: the last hour reaches into yesterday, today starts at 00:00', async () => {
    const now = jst('2026-10-16T00:10:00');
    // answered in 10 s at 23:55 yesterday, and in 30 s at 00:05 today
    await call(
      { state: 'ended', startedAgo: 900, answeredAfter: 10, endedAfter: 70, outcome: 'answered' },
      now,
    );
    await call(
      { state: 'ended', startedAgo: 300, answeredAfter: 30, endedAfter: 90, outcome: 'answered' },
      now,
    );
    const board = await wallboard.compute(now);
    expect(board.date).toBe('2026-10-16');
    expect(board.lastHour).toMatchObject({
      from: jst('2026-10-15T23:10:00').toISOString(),
      answered: 2,
      answeredWithinTarget: 1,
      averageWaitSeconds: 20,
    });
    expect(board.today).toMatchObject({
      from: jst('2026-10-16T00:00:00').toISOString(),
      answered: 1,
      answeredWithinTarget: 0,
      averageWaitSeconds: 30,
    });
  });
});
