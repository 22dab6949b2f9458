import { randomUUID } from 'node:crypto';
import { AccountLifecycleService } from '../../src/modules/accounts/account-lifecycle.service';
import { CallEventsService } from '../../src/modules/calls/call-events.service';
import { signUpCustomer, staffSession, uniqueEmail } from '../support/auth-helpers';
import { until } from '../support/eventually';
import { startTestApp, type TestApp } from '../support/test-app';

// The supervisor wallboard (issue 14): every figure from rows inserted directly (calls,
// call_events, operator_desks), who may read it, and its live stream.

let t: TestApp;
let base: string;
let admin: string;
let operator: string;
let customer: string;
let apiKey: string;
let accountId: string;

const bearer = (token: string) => `Bearer ${token}`;
const sql = <T = Record<string, unknown>>(query: string, params: unknown[] = []): Promise<T[]> =>
  t.database.dataSource.query(query, params);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 00:00 Japan time of the Japan date of `now`, worked out apart from the code under test. */
function japanMidnight(now: Date): Date {
  const jst = new Date(now.getTime() + 9 * 3600_000); // Japan: UTC+9, no daylight saving
  return new Date(Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()) - 9 * 3600_000);
}

async function staff(name: string): Promise<string> {
  const user = await t.app.get(AccountLifecycleService).createStaff({
    email: uniqueEmail('op'),
    name,
    role: 'operator',
    passwordHash: 'not-used',
  });
  return user.id;
}

/** A call to the customer's number, its times in seconds relative to the database's now(). */
async function insertCall(c: {
  state: string;
  startedAgo: number;
  answeredAfter?: number;
  endedAfter?: number;
  outcome?: 'answered' | 'abandoned';
  claimedBy?: string;
  offeredTo?: string;
  unknownNumber?: boolean;
}): Promise<string> {
  const id = randomUUID();
  await sql(
    `INSERT INTO calls (id, call_sid, account_id, to_number, state, started_at, answered_at, ended_at,
       outcome, wait_seconds, claimed_by, claimed_at, offered_to, offer_id, offered_at, queued_at)
     SELECT $1, $2, $3, '+81312345678', $4, s, s + make_interval(secs => $6), s + make_interval(secs => $7),
       $8::varchar, CASE WHEN $8::varchar = 'abandoned' THEN $7::numeric ELSE $6::numeric END,
       $9::uuid, CASE WHEN $9::uuid IS NULL THEN NULL ELSE s + make_interval(secs => $6) END,
       $10::uuid, CASE WHEN $10::uuid IS NULL THEN NULL ELSE gen_random_uuid() END,
       CASE WHEN $10::uuid IS NULL THEN NULL ELSE now() END, s + interval '3 seconds'
     FROM (SELECT now() - make_interval(secs => $5) AS s) AS t`,
    [
      id,
      `CA${id.replace(/-/g, '')}`,
      c.unknownNumber ? null : accountId,
      c.state,
      c.startedAgo,
      c.answeredAfter ?? null,
      c.endedAfter ?? null,
      c.outcome ?? null,
      c.claimedBy ?? null,
      c.offeredTo ?? null,
    ],
  );
  // the steps as the desk stores them (the wallboard reads the calls' columns written with them)
  const steps: [string, number][] = [['queued', 3]];
  if (c.offeredTo) steps.push(['offered', c.startedAgo - 1]);
  if (c.outcome === 'answered') steps.push(['answered', c.answeredAfter!]);
  if (c.outcome === 'abandoned') steps.push(['abandoned', c.endedAfter!]);
  if (c.endedAfter !== undefined) steps.push(['ended', c.endedAfter]);
  for (const [type, after] of steps) {
    await sql(
      `INSERT INTO call_events (call_id, operator_id, type, at)
       SELECT $1, $2, $3, started_at + make_interval(secs => $4) FROM calls WHERE id = $1`,
      [id, c.claimedBy ?? c.offeredTo ?? null, type, after],
    );
  }
  return id;
}

async function insertDesk(
  userId: string,
  status: string,
  sinceAgo: number,
  seenAgo: number | null,
  callId: string | null = null,
) {
  await sql(
    `INSERT INTO operator_desks (user_id, status, status_since, seen_at, current_call_id)
     VALUES ($1, $2, now() - make_interval(secs => $3),
             CASE WHEN $4::float8 IS NULL THEN NULL ELSE now() - make_interval(secs => $4::float8) END, $5)`,
    [userId, status, sinceAgo, seenAgo, callId],
  );
}

const getWallboard = async (token = admin) =>
  (await t.http().get('/api/v1/operator/wallboard').set('authorization', bearer(token)).expect(200)).body;

beforeAll(async () => {
  t = await startTestApp();
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  base = await t.app.getUrl();
  base = base.replace('[::1]', '127.0.0.1');
  admin = (await staffSession(t, 'admin')).accessToken;
  operator = (await staffSession(t, 'operator')).accessToken;
  const owner = await signUpCustomer(t);
  customer = owner.session.accessToken;
  accountId = owner.session.user.account.id;
  const key = await t
    .http()
    .post('/api/v1/api-keys')
    .set('authorization', bearer(customer))
    .send({ name: '連携' })
    .expect(201);
  apiKey = key.body.key;
});

afterAll(async () => {
  await t?.close();
});

describe('who may read the wallboard', () => {
  it.each(['/api/v1/operator/wallboard', '/api/v1/operator/wallboard/stream'])(
    '%s: 401 without a token, 403 for operators, customers and API keys',
    async (path) => {
      const res = await t.http().get(path).expect(401);
      expect(res.headers['content-type']).toContain('application/problem+json');
      for (const token of [operator, customer, apiKey]) {
        const refused = await t.http().get(path).set('authorization', bearer(token)).expect(403);
        expect(refused.headers['content-type']).toContain('application/problem+json');
      }
    },
  );
});

describe('the figures', () => {
  it('are empty (zeros and nulls) with no calls and no operators', async () => {
    const board = await getWallboard();
    expect(board).toMatchObject({
      serviceLevelTargetSeconds: 20,
      waitingCalls: 0,
      longestWaitSeconds: 0,
      longestWaitingSince: null,
      operators: [],
      operatorCounts: { available: 0, offered: 0, onCall: 0, wrapUp: 0, break: 0, away: 0, disconnected: 0 },
      lastHour: {
        answered: 0,
        abandoned: 0,
        serviceLevel: null,
        averageWaitSeconds: null,
        averageTalkSeconds: null,
      },
    });
  });

  it('counts every figure from the stored rows', async () => {
    const [aoki, ito, ueda, eto, oda, kato] = await Promise.all(
      ['青木 一郎', '伊藤 二郎', '上田 三郎', '江藤 四郎', '小田 五郎', '加藤 六郎'].map(staff),
    );
    // answered within 20 s (8 s), talked 120 s, ended; its operator is in wrap-up
    const a = await insertCall({
      state: 'ended',
      startedAgo: 600,
      answeredAfter: 8,
      endedAfter: 128,
      outcome: 'answered',
      claimedBy: eto,
    });
    // answered after 20 s (30 s), talked 90 s, ended
    await insertCall({
      state: 'ended',
      startedAgo: 900,
      answeredAfter: 30,
      endedAfter: 120,
      outcome: 'answered',
      claimedBy: eto,
    });
    // answered at exactly 20 s (within target), still talking: a desk on this call
    const c = await insertCall({
      state: 'claimed',
      startedAgo: 80,
      answeredAfter: 20,
      outcome: 'answered',
      claimedBy: aoki,
    });
    // abandoned after 40 s of waiting
    await insertCall({ state: 'ended', startedAgo: 300, endedAfter: 40, outcome: 'abandoned' });
    // waiting now: one in the queue for 45 s, one ringing for an operator for 15 s
    await insertCall({ state: 'waiting', startedAgo: 45 });
    const f = await insertCall({ state: 'offered', startedAgo: 15, offeredTo: ito });
    // not ours (unknown number, rejected): never counted
    await insertCall({
      state: 'rejected_not_in_service',
      startedAgo: 60,
      endedAfter: 2,
      unknownNumber: true,
    });
    // two hours ago: answered in 5 s, talked 60 s — today (unless Japan's midnight fell since), not the last hour
    await insertCall({
      state: 'ended',
      startedAgo: 7200,
      answeredAfter: 5,
      endedAfter: 65,
      outcome: 'answered',
      claimedBy: eto,
    });
    // 26 hours ago: always yesterday
    await insertCall({ state: 'ended', startedAgo: 26 * 3600, endedAfter: 10, outcome: 'abandoned' });

    await insertDesk(aoki, 'on_call', 60, 1, c);
    await insertDesk(ito, 'offered', 2, 2, f);
    await insertDesk(eto, 'wrap_up', 8, 3, a);
    await insertDesk(ueda, 'available', 300, 30); // its console went stale: not connected
    await insertDesk(oda, 'break', 120, 4);
    await insertDesk(kato, 'offline', 5000, null); // logged off: not shown

    const before = Date.now();
    const board = await getWallboard();
    const serverTime = new Date(board.serverTime);
    expect(serverTime.getTime()).toBeGreaterThanOrEqual(before - 1000);
    const midnight = japanMidnight(serverTime);
    expect(board.date).toBe(new Date(midnight.getTime() + 9 * 3600_000).toISOString().slice(0, 10));

    // waiting now
    expect(board.waitingCalls).toBe(2);
    expect(board.longestWaitSeconds).toBeGreaterThanOrEqual(45);
    expect(board.longestWaitSeconds).toBeLessThanOrEqual(47);
    expect(new Date(board.longestWaitingSince).getTime()).toBeCloseTo(serverTime.getTime() - 45_000, -4);

    // operators: by state (available first), time in state, connected flag; offline left out
    expect(board.operators.map((o: Record<string, unknown>) => [o.name, o.status, o.connected])).toEqual([
      ['上田 三郎', 'available', false],
      ['伊藤 二郎', 'offered', true],
      ['青木 一郎', 'on_call', true],
      ['江藤 四郎', 'wrap_up', true],
      ['小田 五郎', 'break', true],
    ]);
    const seconds = Object.fromEntries(
      board.operators.map((o: { name: string; secondsInStatus: number }) => [o.name, o.secondsInStatus]),
    );
    expect(seconds['上田 三郎']).toBeGreaterThanOrEqual(300);
    expect(seconds['上田 三郎']).toBeLessThanOrEqual(302);
    expect(seconds['青木 一郎']).toBeGreaterThanOrEqual(60);
    expect(seconds['青木 一郎']).toBeLessThanOrEqual(62);
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
      from: new Date(serverTime.getTime() - 3600_000).toISOString(),
      answered: 3,
      abandoned: 1,
      answeredWithinTarget: 2,
      serviceLevel: 0.5,
      averageWaitSeconds: 19.3, // 58 / 3
      talkedCalls: 2,
      averageTalkSeconds: 105,
    });

    // today: the same, plus the call of two hours ago when it started after 00:00 Japan time
    const twoHoursAgoIsToday = serverTime.getTime() - 7200_000 >= midnight.getTime();
    const lastHourIsToday = serverTime.getTime() - 900_000 >= midnight.getTime();
    if (lastHourIsToday) {
      expect(board.today).toEqual(
        twoHoursAgoIsToday
          ? {
              from: midnight.toISOString(),
              answered: 4,
              abandoned: 1,
              answeredWithinTarget: 3,
              serviceLevel: 0.6,
              averageWaitSeconds: 15.8, // 63 / 4 = 15.75
              talkedCalls: 3,
              averageTalkSeconds: 90, // (120 + 90 + 60) / 3
            }
          : { ...board.lastHour, from: midnight.toISOString() },
      );
    } else {
      // run within 15 minutes after Japan's midnight: some of the last hour's calls were yesterday
      expect(board.today.from).toBe(midnight.toISOString());
      expect(board.today.answered).toBeLessThan(3);
    }
  });

  it('moves with the rows: a waiting caller hangs up (abandoned)', async () => {
    const before = await getWallboard();
    const [{ id }] = await sql<{ id: string }>(`SELECT id FROM calls WHERE state = 'waiting'`);
    await sql(
      `UPDATE calls SET state = 'ended', outcome = 'abandoned', ended_at = now(),
         wait_seconds = extract(epoch FROM now() - started_at) WHERE id = $1`,
      [id],
    );
    const after = await getWallboard();
    expect(after.waitingCalls).toBe(before.waitingCalls - 1);
    expect(after.lastHour.abandoned).toBe(before.lastHour.abandoned + 1);
    expect(after.lastHour.serviceLevel).toBe(0.4); // 2 / (3 + 2)
  });
});

/** Reads `event: wallboard` frames from the live stream. */
async function openStream(token: string) {
  const controller = new AbortController();
  const res = await fetch(`${base}/api/v1/operator/wallboard/stream`, {
    headers: { authorization: bearer(token) },
    signal: controller.signal,
  });
  const boards: { at: number; board: Record<string, unknown> & { waitingCalls: number } }[] = [];
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  const pump = (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          if (!block.split('\n').includes('event: wallboard')) continue;
          const data = block
            .split('\n')
            .filter((l) => l.startsWith('data: '))
            .map((l) => l.slice(6))
            .join('\n');
          boards.push({ at: Date.now(), board: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    res,
    boards,
    /** Resolves when the stream has ended (or was aborted). */
    done: pump,
    close: async () => {
      controller.abort();
      await pump;
    },
  };
}

describe('the live stream', () => {
  it('sends the wallboard at once, again after call events (coalesced) and every 5 s', async () => {
    const stream = await openStream(admin);
    try {
      expect(stream.res.status).toBe(200);
      expect(stream.res.headers.get('content-type')).toContain('text/event-stream');
      await until(() => stream.boards.length >= 1, 3000);
      const first = stream.boards[0].board;
      expect(first).toMatchObject({ serviceLevelTargetSeconds: 20, operators: expect.any(Array) });

      // a new caller waits; its event (any process, through Redis) brings a fresh wallboard
      const events = t.app.get(CallEventsService);
      await insertCall({ state: 'waiting', startedAgo: 1 });
      const sentAt = Date.now();
      await events.publish({
        type: 'call.waiting',
        call: { id: randomUUID() } as never,
        at: new Date().toISOString(),
      });
      await until(() => stream.boards.some((b) => b.board.waitingCalls === first.waitingCalls + 1), 2000);
      const pushed = stream.boards.find((b) => b.board.waitingCalls === first.waitingCalls + 1)!;
      expect(pushed.at - sentAt).toBeLessThan(1000);

      // a burst of 30 events: at most two pushes a second
      const count = stream.boards.length;
      const burstAt = Date.now();
      for (let i = 0; i < 30; i++) {
        void events.publish({
          type: 'call.waiting',
          call: { id: randomUUID() } as never,
          at: new Date().toISOString(),
        });
        await sleep(20);
      }
      await sleep(1200 - (Date.now() - burstAt));
      const duringBurst = stream.boards.slice(count).filter((b) => b.at - burstAt <= 1200);
      expect(duringBurst.length).toBeGreaterThanOrEqual(1);
      expect(duringBurst.length).toBeLessThanOrEqual(3);

      // nothing happens: still pushed every 5 s (time in state moves)
      const quietFrom = stream.boards.length;
      await until(() => stream.boards.length > quietFrom, 7000);
    } finally {
      await stream.close();
    }
  }, 20_000);

  it('closes the stream when the client goes away', async () => {
    const stream = await openStream(admin);
    await until(() => stream.boards.length >= 1, 3000);
    await stream.close();
    await until(() => t.app.get(CallEventsService).listenerCount === 0, 3000);
  });

  it('ends open streams when the API shuts down', async () => {
    const stream = await openStream(admin);
    await until(() => stream.boards.length >= 1, 3000);
    const app = t;
    t = undefined as unknown as TestApp; // closed here, not again in afterAll
    // The HTTP server waits for open connections when it closes: it would hang on the stream if the
    // stream service did not end it (the other modules' shutdown takes a few seconds here).
    await app.app.close();
    await stream.done; // ended by the server, not aborted by us
    await app.db.drop();
  });
});
