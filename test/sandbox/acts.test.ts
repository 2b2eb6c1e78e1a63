// What the three routes that act on users share with the others: regions, credentials, methods, faults on demand,
// their own concurrency limits, reset() and the inspection routes.
import { Sandbox, startSandbox } from '../../sandbox';
import { ACT_PATHS, Reply, act, admin, credentials, lookup, profile, upload } from './helpers';

const PASSCODE = 'acts-secret-passcode-789';
const ACCOUNT = { id: 'ACT-ACCOUNT', passcode: PASSCODE, region: 'in1' as const };
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ accounts: [ACCOUNT] });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const options = { region: 'in1', account: ACCOUNT };
/** A valid body for each route. */
const GOOD = {
  delete: { identity: ['u1'] },
  subscribe: { d: [{ type: 'email', value: 'a@b.co', status: 'Unsubscribe' }] },
  trigger: { to: { identity: ['u1'] }, campaign_id: '1', ExternalTrigger: { Name: 'A' } },
};
const ROUTES = Object.keys(ACT_PATHS) as (keyof typeof ACT_PATHS)[];
const statusOf = (reply: Reply) => reply.status;

describe.each(ROUTES)('%s', (route) => {
  test('answers at its account region, 401 with a wrong passcode or at another region', async () => {
    expect((await act(sandbox, route, GOOD[route], options)).status).toBe(200);
    const wrong = await act(sandbox, route, GOOD[route], {
      ...options,
      account: { ...ACCOUNT, passcode: 'x' },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ status: 'fail', error: 'Invalid Credentials', code: 401 });
    expect((await act(sandbox, route, GOOD[route], { ...options, region: 'eu1' })).status).toBe(401);
    expect((await act(sandbox, route, GOOD[route], { ...options, region: 'xx1' })).status).toBe(404);
  });

  test('GET is 405', async () => {
    const response = await fetch(`${sandbox.url}/in1/1/${ACT_PATHS[route]}`, {
      headers: credentials(ACCOUNT),
    });
    expect(response.status).toBe(405);
  });

  test("a fault on 'act' or on the route applies; one on another route does not", async () => {
    sandbox.faults.failNext(503, 1, { on: route === 'delete' ? 'subscribe' : 'delete' });
    sandbox.faults.failNext(500, 1, { on: 'upload' });
    expect((await act(sandbox, route, GOOD[route], options)).status).toBe(200);
    sandbox.faults.clear();
    sandbox.faults.failNext(503, 1, { on: 'act' });
    const faulted = await act(sandbox, route, GOOD[route], options);
    expect(faulted.status).toBe(503);
    expect(faulted.body).toEqual({
      status: 'fail',
      error: 'Service Unavailable, please retry later',
      code: 503,
    });
    sandbox.faults.failNext(502, 1, { on: route });
    expect((await act(sandbox, route, GOOD[route], options)).text).toContain('502 Bad Gateway');
    sandbox.faults.failNext(429);
    expect((await act(sandbox, route, GOOD[route], options)).status).toBe(429);
    expect(sandbox.acts().map((entry) => entry.faults)).toEqual([[], ['status'], ['status'], ['status']]);
  });

  test('a dropped connection and a non-JSON answer', async () => {
    sandbox.faults.dropNext(1, 'act');
    await expect(act(sandbox, route, GOOD[route], options)).rejects.toThrow(/fetch failed/);
    sandbox.faults.nonJsonNext(1, 'oops', route);
    expect((await act(sandbox, route, GOOD[route], options)).text).toBe('oops');
    expect(sandbox.acts().map((entry) => entry.status)).toEqual([0, 200]);
  });
});

test('a fault for an act route leaves uploads and lookups alone', async () => {
  sandbox.faults.failNext(503, 'always', { on: 'act' });
  expect((await upload(sandbox, [profile('u1', { Name: 'A' })], options)).status).toBe(200);
  expect((await lookup(sandbox, 'identity=u1', options)).status).toBe(200);
  expect((await act(sandbox, 'delete', GOOD.delete, options)).status).toBe(503);
});

test('POST /__sandbox/faults takes the new routes and act; an unknown route is 400', async () => {
  for (const on of ['delete', 'subscribe', 'trigger', 'act'])
    expect((await admin(sandbox, 'POST', '/__sandbox/faults', { kind: 'drop', on })).status).toBe(200);
  expect((await admin(sandbox, 'POST', '/__sandbox/faults', { kind: 'drop', on: 'acts' })).status).toBe(400);
  expect(sandbox.faults.list()).toHaveLength(4);
});

describe('concurrency: 3 requests in flight per account on each act route', () => {
  // Each test holds requests in a long delay, and ends them by closing its own sandbox: no clock is read.
  async function held(settings: { maxConcurrentActs?: number } = {}) {
    const own = await startSandbox({ accounts: [ACCOUNT], ...settings });
    own.faults.delayNext(60_000, 'always', 'delete');
    const send = () =>
      act(own, 'delete', GOOD.delete, options).then(statusOf, (error: Error) => `dropped: ${error.message}`);
    return { own, send };
  }

  test('a 4th delete at once is answered 429 at once; a subscribe, on its own limit, passes', async () => {
    const { own, send } = await held();
    const pending = Array.from({ length: 4 }, send);
    const first = await Promise.race(pending);
    expect(first).toBe(429);
    const subscribe = await act(own, 'subscribe', GOOD.subscribe, options);
    expect(subscribe.status).toBe(200);
    const limited = own.acts().find((entry) => entry.status === 429)!;
    expect(limited.answer).toEqual({ status: 'fail', error: 'Too many concurrent requests', code: 429 });
    await own.close();
    const all = await Promise.all(pending);
    expect(all.filter((status) => status === 429)).toHaveLength(1);
    expect(all.filter((status) => String(status).startsWith('dropped'))).toHaveLength(3);
  });

  test('maxConcurrentActs changes the limit', async () => {
    const { own, send } = await held({ maxConcurrentActs: 1 });
    expect(own.settings().maxConcurrentActs).toBe(1);
    const pending = [send(), send()];
    expect(await Promise.race(pending)).toBe(429);
    await own.close();
    expect((await Promise.all(pending)).filter((status) => status === 429)).toHaveLength(1);
  });
});

test('reset() empties subscriptions, inbox and the acts log; the snapshot shows them until then', async () => {
  await upload(sandbox, [profile('u1', { Name: 'A' })], options);
  for (const route of ROUTES) await act(sandbox, route, GOOD[route], options);
  expect(sandbox.store.snapshot().accounts[ACCOUNT.id]).toEqual({
    profiles: [],
    events: [],
    subscriptions: [expect.objectContaining({ value: 'a@b.co' })],
    inbox: [expect.objectContaining({ campaignId: '1' })],
  });
  expect(sandbox.acts().map((entry) => entry.route)).toEqual(['delete', 'subscribe', 'trigger']);
  sandbox.reset();
  expect(sandbox.acts()).toEqual([]);
  expect(sandbox.store.snapshot()).toEqual({ accounts: {} });
  expect(sandbox.store.subscriptions(ACCOUNT.id)).toEqual([]);
  expect(sandbox.store.inbox(ACCOUNT.id)).toEqual([]);
});

test('the passcode appears in no log or inspection output of the act routes', async () => {
  for (const route of ROUTES) {
    await act(sandbox, route, GOOD[route], options);
    await act(sandbox, route, GOOD[route], { ...options, account: { id: ACCOUNT.id, passcode: 'wrong' } });
  }
  const outputs = await Promise.all(
    ['acts', 'subscriptions', 'inbox', 'store', 'config'].map((route) =>
      admin(sandbox, 'GET', `/__sandbox/${route}`),
    ),
  );
  const everything = [...outputs.map((reply) => reply.text), JSON.stringify(sandbox.acts())].join('\n');
  expect(outputs.every((reply) => reply.status === 200)).toBe(true);
  expect(everything).toContain(ACCOUNT.id);
  expect(everything).not.toContain(PASSCODE);
  expect(everything.toLowerCase()).not.toContain('passcode');
});
