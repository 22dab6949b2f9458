import { TOKEN_AUDIENCE, type AuthUser } from '../../src/common/auth/auth-user';
import type { UpdateReceptionScheduleDto } from '../../src/modules/calls/dto/telephony.dto';
import { DEFAULT_RECEPTION_SCHEDULE } from '../../src/modules/calls/reception-hours';
import { ReceptionScheduleRepository } from '../../src/modules/calls/reception-schedule.repository';
import { ReceptionScheduleService } from '../../src/modules/calls/reception-schedule.service';
import { startMedium, type MediumContext } from '../support/medium';
import { insertOperators } from '../support/wallboard-rows';

// R3.5: the platform's reception schedule — the default a new database starts with, what an admin
// may save (each weekday once, both hours or neither, close after open) and how it is stored —
// against ReceptionScheduleService and its real repository. The routes (who may read and change
// it, the request's shape: times as HH:MM, dates as YYYY-MM-DD) keep their cases in
// telephony.e2e-spec; whether an instant is within the hours is reception-hours.spec.

let m: MediumContext;
let schedules: ReceptionScheduleService;
let admin: AuthUser;

beforeAll(async () => {
  m = await startMedium({ providers: [ReceptionScheduleService, ReceptionScheduleRepository] });
  schedules = m.get(ReceptionScheduleService);
  // a staff user for updated_by; the admin role lives in the token (the route checks it, not the service)
  const [userId] = await insertOperators(m, ['管理 花子']);
  admin = { userId, accountId: null, role: 'admin', audience: TOKEN_AUDIENCE.staff };
});
afterAll(() => m?.close());

const ALWAYS_OPEN: UpdateReceptionScheduleDto = {
  weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, open: '00:00', close: '24:00' })),
  closedDates: [],
  closedOnPublicHolidays: false,
  closedYearEnd: false,
};
const withDay = (i: number, day: Partial<UpdateReceptionScheduleDto['weekly'][number]>) => ({
  ...ALWAYS_OPEN,
  weekly: ALWAYS_OPEN.weekly.map((d, j) => (j === i ? { ...d, ...day } : d)),
});

// first: nothing has been saved in this file's database yet
it('starts with the default: weekdays 09:00–18:00, holidays and 29 Dec–3 Jan closed', async () => {
  const rows = await m.sql(
    `SELECT weekly, closed_dates::text[] AS closed_dates, closed_on_public_holidays, closed_year_end
     FROM reception_schedule`,
  );
  expect(rows).toEqual([
    {
      weekly: DEFAULT_RECEPTION_SCHEDULE.weekly,
      closed_dates: [],
      closed_on_public_holidays: true,
      closed_year_end: true,
    },
  ]);
  const shown = await schedules.get();
  expect(shown).toMatchObject({ timeZone: 'Asia/Tokyo', closedOnPublicHolidays: true, closedYearEnd: true });
  expect(shown.weekly).toHaveLength(7);
});

describe('saving a schedule', () => {
  it.each<[what: string, body: UpdateReceptionScheduleDto, pointer: string, code: string]>([
    [
      'close before open',
      withDay(2, { open: '18:00', close: '09:00' }),
      '/body/weekly/2/close',
      'CLOSE_NOT_AFTER_OPEN',
    ],
    [
      'close equal to open',
      withDay(4, { open: '09:00', close: '09:00' }),
      '/body/weekly/4/close',
      'CLOSE_NOT_AFTER_OPEN',
    ],
    [
      'an open time without a close',
      withDay(1, { open: '09:00', close: null }),
      '/body/weekly/1/close',
      'HOURS_INCOMPLETE',
    ],
    [
      'a close time without an open',
      withDay(6, { open: null, close: '18:00' }),
      '/body/weekly/6/open',
      'HOURS_INCOMPLETE',
    ],
    ['a weekday given twice', withDay(3, { weekday: 1 }), '/body/weekly/3/weekday', 'WEEKDAY_REPEATED'],
  ])('refuses %s (%s %s) and stores nothing', async (_what, body, pointer, code) => {
    const before = await schedules.get();
    await expect(schedules.update(body, admin)).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      options: { fieldErrors: [expect.objectContaining({ pointer, code })] },
    });
    expect((await schedules.get()).version).toBe(before.version);
  });

  it('stores closed dates once each and in order, a closed day as null hours, and who saved it', async () => {
    const before = await schedules.get();
    const saved = await schedules.update(
      { ...withDay(6, { open: null, close: null }), closedDates: ['2027-08-13', '2027-08-12', '2027-08-13'] },
      admin,
    );
    expect(saved.closedDates).toEqual(['2027-08-12', '2027-08-13']);
    expect(saved.weekly[6]).toEqual({ weekday: 7, open: null, close: null });
    expect(saved.weekly[0]).toEqual({ weekday: 1, open: '00:00', close: '24:00' });
    expect(saved.version).toBeGreaterThan(before.version);
    expect(saved.updatedBy).toBe(admin.userId);
    expect(await schedules.get()).toMatchObject({
      closedDates: ['2027-08-12', '2027-08-13'],
      version: saved.version,
    });
  });
});
