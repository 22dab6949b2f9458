import { createTestDatabase, startTestApp, type TestDatabase } from '../support/test-app';
import { GOOD_PASSWORD, uniqueEmail } from '../support/auth-helpers';
import { eventually } from '../support/eventually';
import { TcpProxy } from '../support/tcp-proxy';

/** The API with PostgreSQL or Redis unreachable: it starts, says so, answers 503, and recovers. */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

const signupBody = () => ({
  email: uniqueEmail(),
  password: GOOD_PASSWORD,
  accountType: 'individual',
  name: '復旧',
});

it('starts without PostgreSQL, is not ready, answers 503, and recovers when it returns', async () => {
  const pg = new TcpProxy(5432);
  await pg.up();
  const port = pg.port;
  await pg.down();
  const t = await startTestApp({ DATABASE_URL: db.url.replace(':5432/', `:${port}/`) }, db);
  try {
    const ready = await t.http().get('/api/v1/health/ready').expect(503);
    expect(ready.body.checks).toEqual({ postgres: 'down', redis: 'up' });
    const res = await t.http().post('/api/v1/auth/signup').send(signupBody()).expect(503);
    expect(res.body.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.headers['content-type']).toMatch(/problem\+json/);

    await pg.up();
    const back = await eventually(
      () => t.http().get('/api/v1/health/ready'),
      (r) => r.status === 200,
    );
    expect(back.body.checks.postgres).toBe('up');
    await t.http().post('/api/v1/auth/signup').send(signupBody()).expect(201);

    // and when it goes away while running: 503, not 500, then fine again
    await pg.down();
    const during = await t.http().post('/api/v1/auth/signup').send(signupBody());
    expect(during.status).toBe(503);
    await pg.up();
    const again = await eventually(
      () => t.http().post('/api/v1/auth/signup').send(signupBody()),
      (r) => r.status === 201,
    );
    expect(again.status).toBe(201);
  } finally {
    await t.close();
    await pg.down();
  }
});

it('starts without Redis, is not ready, still lets people log in, and recovers', async () => {
  const redis = new TcpProxy(6379);
  await redis.up();
  const port = redis.port;
  await redis.down();
  const t = await startTestApp({ REDIS_URL: `redis://127.0.0.1:${port}` }, db);
  try {
    const ready = await t.http().get('/api/v1/health/ready').expect(503);
    expect(ready.body.checks).toEqual({ postgres: 'up', redis: 'down' });
    // log-in limits fail open (and log it) rather than locking every customer out
    await t.http().post('/api/v1/auth/signup').send(signupBody()).expect(201);

    await redis.up();
    const back = await eventually(
      () => t.http().get('/api/v1/health/ready'),
      (r) => r.status === 200,
    );
    expect(back.body.checks.redis).toBe('up');
  } finally {
    await t.close();
    await redis.down();
  }
});
