// Request-level behaviour: regions, credentials, content type, body shape, the record limit, dry run.
import { REGIONS, Sandbox, startSandbox } from '../../sandbox';
import { credentials, event, profile, upload, uploadRaw, lookup } from './helpers';

const INDIA = { id: 'IN-ACCOUNT', passcode: 'in-secret', region: 'in1' as const };
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    accounts: [{ id: 'TEST-ACCOUNT', passcode: 'test-passcode', region: 'eu1' }, INDIA],
    maxRecordsPerCall: 5,
  });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const INVALID_CREDENTIALS = { status: 'fail', error: 'Invalid Credentials', code: 401 };

test('listens on 127.0.0.1 and gives a base URL with {region} kept', () => {
  expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect(sandbox.port).toBeGreaterThan(0);
  expect(sandbox.baseUrl).toBe(`${sandbox.url}/{region}`);
  expect(sandbox.regionUrl()).toBe(`${sandbox.url}/eu1`);
  expect(sandbox.regionUrl('in1')).toBe(`${sandbox.url}/in1`);
  expect(sandbox.account.id).toBe('TEST-ACCOUNT');
});

test('the default account is TEST-ACCOUNT / test-passcode / eu1', async () => {
  const other = await startSandbox();
  try {
    expect(other.accounts).toEqual([{ id: 'TEST-ACCOUNT', passcode: 'test-passcode', region: 'eu1' }]);
    const reply = await upload(other, [profile('u1', { Name: 'x' })]);
    expect(reply.body.status).toBe('success');
  } finally {
    await other.close();
  }
});

test('serves every region under its prefix', async () => {
  for (const region of REGIONS) {
    const account = { id: `ACC-${region}`, passcode: `pass-${region}`, region };
    const regional = await startSandbox({ accounts: [account] });
    try {
      const reply = await upload(regional, [profile('u1', { Name: 'x' })], { region, account });
      expect(reply.body).toEqual({ status: 'success', processed: 1, unprocessed: [] });
    } finally {
      await regional.close();
    }
  }
});

test('an unknown region prefix is 404', async () => {
  const reply = await upload(sandbox, [profile('u1', {})], { region: 'xx9' });
  expect(reply.status).toBe(404);
  expect(reply.body).toMatchObject({ status: 'fail', code: 404 });
});

test('an unknown path is 404 and a wrong method is 405', async () => {
  const unknown = await fetch(`${sandbox.url}/eu1/1/nothing`, { headers: credentials() });
  expect(unknown.status).toBe(404);
  const wrongMethod = await fetch(`${sandbox.url}/eu1/1/upload`, { headers: credentials() });
  expect(wrongMethod.status).toBe(405);
  expect(await wrongMethod.json()).toEqual({ status: 'fail', error: 'Method Not Allowed', code: 405 });
});

describe('credentials', () => {
  test.each([
    ['a wrong passcode', { id: 'TEST-ACCOUNT', passcode: 'nope' }],
    ['an unknown account', { id: 'OTHER', passcode: 'test-passcode' }],
    ['an empty account id', { id: '', passcode: 'test-passcode' }],
  ])('%s is 401 with CleverTap body', async (_name, account) => {
    const reply = await upload(sandbox, [profile('u1', {})], { account });
    expect(reply.status).toBe(401);
    expect(reply.body).toEqual(INVALID_CREDENTIALS);
  });

  test('missing headers are 401', async () => {
    const response = await fetch(`${sandbox.url}/eu1/1/upload`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ d: [] }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual(INVALID_CREDENTIALS);
  });

  test('a known account at another region prefix is 401, at its own region 200', async () => {
    const wrong = await upload(sandbox, [profile('u1', {})], { region: 'eu1', account: INDIA });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(INVALID_CREDENTIALS);
    const wrongLookup = await lookup(sandbox, 'identity=u1', { region: 'us1' });
    expect(wrongLookup.status).toBe(401);
    const right = await upload(sandbox, [profile('u1', { Name: 'x' })], { region: 'in1', account: INDIA });
    expect(right.status).toBe(200);
    expect(sandbox.store.profiles(INDIA.id)).toHaveLength(1);
    expect(sandbox.store.profiles()).toHaveLength(0);
  });
});

describe('request-level 400s', () => {
  test('malformed JSON', async () => {
    const reply = await uploadRaw(sandbox, '{"d": [');
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ status: 'fail', error: 'Malformed JSON in the request body', code: 400 });
  });

  test.each([
    ['no d', '{}'],
    ['d not an array', '{"d": {"type": "profile"}}'],
    ['a top-level array', '[]'],
  ])('%s', async (_name, text) => {
    const reply = await uploadRaw(sandbox, text);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: 'fail', code: 400, error: expect.stringContaining('"d"') });
    expect(reply.body).not.toHaveProperty('processed');
  });

  test('a content type other than JSON', async () => {
    const reply = await uploadRaw(sandbox, JSON.stringify({ d: [] }), {
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ status: 'fail', error: 'Content-Type must be application/json', code: 400 });
  });

  test('more than maxRecordsPerCall records; exactly the limit is fine', async () => {
    const records = (n: number) => Array.from({ length: n }, (_, i) => profile(`u${i}`, { Name: 'x' }));
    const tooMany = await upload(sandbox, records(6));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      status: 'fail',
      error: 'Too many records: 6; at most 5 are allowed per call',
      code: 400,
    });
    expect(sandbox.store.profiles()).toEqual([]);
    const atLimit = await upload(sandbox, records(5));
    expect(atLimit.body).toEqual({ status: 'success', processed: 5, unprocessed: [] });
  });

  test('the default record limit is 1000', async () => {
    const other = await startSandbox();
    try {
      expect(other.settings().maxRecordsPerCall).toBe(1000);
      const records = (n: number) => Array.from({ length: n }, (_, i) => event(`u${i % 7}`, 'Bought'));
      expect((await upload(other, records(1001))).status).toBe(400);
      expect((await upload(other, records(1000))).body.processed).toBe(1000);
      expect(other.store.events()).toHaveLength(1000);
    } finally {
      await other.close();
    }
  });
});

test('dryRun=1 validates and answers as usual but stores nothing', async () => {
  const records = [profile('u1', { Name: 'Ada' }), event('u1', 'Bought'), profile('u2', { Gender: 'x' })];
  const reply = await upload(sandbox, records, { query: 'dryRun=1' });
  expect(reply.body.status).toBe('partial');
  expect(reply.body.processed).toBe(2);
  expect(reply.body.unprocessed[0].code).toBe(514);
  expect(sandbox.store.profiles()).toEqual([]);
  expect(sandbox.store.events()).toEqual([]);
  expect(sandbox.received()[0]).toMatchObject({ dryRun: true, query: { dryRun: '1' } });
});

test('startSandbox refuses an unknown region and an empty account list', async () => {
  await expect(
    startSandbox({ accounts: [{ id: 'A', passcode: 'p', region: 'mars1' as 'eu1' }] }),
  ).rejects.toThrow(/mars1/);
  await expect(startSandbox({ accounts: [] })).rejects.toThrow(/at least one account/);
});
