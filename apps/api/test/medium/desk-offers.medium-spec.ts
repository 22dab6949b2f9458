import { DeskRepository } from '../../src/modules/calls/desk/desk.repository';
import { chooseOffers, type Offer } from '../../src/modules/calls/desk/routing';
import { insertOperatorDesks, insertWaitingCalls } from '../support/desk-rows';
import { insertAccount } from '../support/factories';
import { startMedium, type MediumContext } from '../support/medium';
import { insertOperators } from '../support/wallboard-rows';

// The desk (issue 14): which waiting call is offered to which operator, computed as the
// dispatcher does it — the rows DeskRepository.lockForDispatch reads (inside the dispatch lock)
// paired by chooseOffers — on real rows. Ringing the operator through Twilio, a missed offer
// ringing out and two misses setting the operator away keep their cases in desk.e2e-spec; the
// pairing alone, on hand-made lists, is routing.spec.

let m: MediumContext;
let desks: DeskRepository;
let accountId: string;
let op: Record<'aoki' | 'ito' | 'ueda' | 'eto', string>;

beforeAll(async () => {
  m = await startMedium({ providers: [DeskRepository] });
  desks = m.get(DeskRepository);
  accountId = await insertAccount(m);
  const [aoki, ito, ueda, eto] = await insertOperators(m, ['青木', '伊藤', '上田', '江藤']);
  op = { aoki, ito, ueda, eto };
});
afterAll(() => m?.close());
// each case starts with no calls and nobody at a desk
beforeEach(() => m.sql(`TRUNCATE operator_desks, call_events, calls CASCADE`));

/** The offers the dispatcher would make now. */
const offersNow = (): Promise<Offer[]> =>
  m.database.transaction(async (em) => {
    const { calls, operators } = await desks.lockForDispatch(em);
    return chooseOffers(calls, operators);
  });
const calls = (...seeds: Parameters<typeof insertWaitingCalls>[2]) => insertWaitingCalls(m, accountId, seeds);

it('offers the longest-waiting calls to the operators idle longest, one call each', async () => {
  await insertOperatorDesks(m, [
    { userId: op.aoki, status: 'available', idleAgo: 60, seenAgo: 1 },
    { userId: op.ito, status: 'available', idleAgo: 120, seenAgo: 1 },
  ]);
  // the newest call waits for the next free operator
  const [, oldest, middle] = await calls({ startedAgo: 10 }, { startedAgo: 30 }, { startedAgo: 20 });
  expect(await offersNow()).toEqual([
    { callId: oldest, operatorId: op.ito },
    { callId: middle, operatorId: op.aoki },
  ]);
});

it('offers VIP callers first, however long the others have waited', async () => {
  await insertOperatorDesks(m, [{ userId: op.aoki, status: 'available', idleAgo: 60, seenAgo: 1 }]);
  const [, vip] = await calls({ startedAgo: 90 }, { startedAgo: 5, vip: true });
  expect(await offersNow()).toEqual([{ callId: vip, operatorId: op.aoki }]);
});

it('offers only calls in Twilio’s queue, to operators available with a live console', async () => {
  await insertOperatorDesks(m, [
    { userId: op.aoki, status: 'break', idleAgo: 900, seenAgo: 1 },
    { userId: op.ito, status: 'available', idleAgo: 800, seenAgo: 20 }, // console silent for 20 s
    { userId: op.ueda, status: 'available', idleAgo: 700, seenAgo: null }, // never connected
    { userId: op.eto, status: 'available', idleAgo: 10, seenAgo: 14 }, // seen within 15 s
  ]);
  const [, , queued] = await calls(
    { startedAgo: 60, queued: false }, // Twilio has not shown the caller queued yet
    { startedAgo: 50, state: 'ended' }, // the caller hung up
    { startedAgo: 5 },
  );
  expect(await offersNow()).toEqual([{ callId: queued, operatorId: op.eto }]);

  await m.sql(`UPDATE operator_desks SET status = 'away' WHERE user_id = $1`, [op.eto]);
  expect(await offersNow()).toEqual([]);
});

it('a missed call goes to the next operator; back to the one who missed it only when nobody else is free', async () => {
  await insertOperatorDesks(m, [
    { userId: op.aoki, status: 'available', idleAgo: 300, seenAgo: 1 },
    { userId: op.ito, status: 'available', idleAgo: 10, seenAgo: 1 },
  ]);
  const [missed] = await calls({ startedAgo: 40, lastOfferedTo: op.aoki });
  expect(await offersNow()).toEqual([{ callId: missed, operatorId: op.ito }]);

  await m.sql(`UPDATE operator_desks SET status = 'wrap_up' WHERE user_id = $1`, [op.ito]);
  expect(await offersNow()).toEqual([{ callId: missed, operatorId: op.aoki }]);
});
