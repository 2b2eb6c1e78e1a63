// The sandbox's own routes under /__sandbox/ and their programmatic twins; the passcode never shows.
import { Sandbox, startSandbox } from '../../sandbox';
import { admin, event, lookup, profile, upload, uploadRaw } from './helpers';

const PASSCODE = 'very-secret-passcode-123';
const OTHER_PASSCODE = 'second-secret-456';
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({
    accounts: [
      { id: 'ACC-1', passcode: PASSCODE, region: 'eu1' },
      { id: 'ACC-2', passcode: OTHER_PASSCODE, region: 'us1' },
    ],
  });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const account = { id: 'ACC-1', passcode: PASSCODE };

test('GET /__sandbox/received lists every upload: region, account id, parsed body, answer', async () => {
  const records = [profile('u1', { Name: 'Ada' }), event('u1', 'App Launched')];
  const first = await upload(sandbox, records, { account });
  await uploadRaw(sandbox, 'not json', { account });
  await upload(sandbox, records, { account: { id: 'ACC-1', passcode: 'wrong' } });
  const reply = await admin(sandbox, 'GET', '/__sandbox/received');
  expect(reply.status).toBe(200);
  const received = reply.body.received;
  expect(received).toHaveLength(3);
  expect(received[0]).toEqual({
    seq: 1,
    at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    region: 'eu1',
    accountId: 'ACC-1',
    query: {},
    dryRun: false,
    contentType: 'application/json; charset=utf-8',
    body: { d: records },
    status: 200,
    answer: first.body,
    faults: [],
  });
  expect(received[1]).toMatchObject({ body: null, rawBody: 'not json', status: 400 });
  expect(received[2]).toMatchObject({ status: 401, accountId: 'ACC-1', answer: { code: 401 } });
  expect(sandbox.received()).toEqual(received);
});

test('GET /__sandbox/store shows profiles and events per account', async () => {
  await upload(sandbox, [profile('u1', { Name: 'Ada' }), event('u1', 'Bought')], { account });
  await upload(sandbox, [profile('v1', { Name: 'Bob' })], {
    account: { id: 'ACC-2', passcode: OTHER_PASSCODE },
    region: 'us1',
  });
  const reply = await admin(sandbox, 'GET', '/__sandbox/store');
  expect(reply.status).toBe(200);
  expect(Object.keys(reply.body.accounts).sort()).toEqual(['ACC-1', 'ACC-2']);
  expect(reply.body.accounts['ACC-1'].profiles).toEqual([expect.objectContaining({ identity: 'u1' })]);
  expect(reply.body.accounts['ACC-1'].events).toEqual([expect.objectContaining({ evtName: 'Bought' })]);
  expect(reply.body.accounts['ACC-2'].profiles).toEqual([expect.objectContaining({ identity: 'v1' })]);
  expect(reply.body).toEqual(sandbox.store.snapshot());
});

test('the passcode never appears in any inspection output, even after failed credentials', async () => {
  await upload(sandbox, [profile('u1', { Name: 'Ada' })], { account });
  await upload(sandbox, [profile('u1', {})], { account: { id: 'ACC-2', passcode: OTHER_PASSCODE } });
  await upload(sandbox, [profile('u1', {})], { account: { id: 'NOBODY', passcode: PASSCODE } });
  await lookup(sandbox, 'identity=u1', { account });
  sandbox.faults.failNext(503);
  await upload(sandbox, [profile('u2', {})], { account });
  const outputs = await Promise.all(
    ['received', 'lookups', 'store', 'faults', 'config', 'health'].map((route) =>
      admin(sandbox, 'GET', `/__sandbox/${route}`),
    ),
  );
  const everything = [
    ...outputs.map((reply) => reply.text),
    JSON.stringify(sandbox.received()),
    JSON.stringify(sandbox.lookups()),
    JSON.stringify(sandbox.store.snapshot()),
  ].join('\n');
  expect(outputs.every((reply) => reply.status === 200)).toBe(true);
  expect(everything).toContain('ACC-1');
  expect(everything).not.toContain(PASSCODE);
  expect(everything).not.toContain(OTHER_PASSCODE);
  expect(everything.toLowerCase()).not.toContain('passcode');
});

test('POST /__sandbox/reset empties store, logs and faults and restores settings', async () => {
  await upload(sandbox, [profile('u1', { Name: 'Ada' })], { account });
  sandbox.faults.failNext(500, 3);
  sandbox.configure({ maxRecordsPerCall: 1 });
  const reply = await admin(sandbox, 'POST', '/__sandbox/reset');
  expect(reply.body).toEqual({ status: 'ok' });
  expect(sandbox.received()).toEqual([]);
  expect(sandbox.store.profiles('ACC-1')).toEqual([]);
  expect(sandbox.faults.list()).toEqual([]);
  expect(sandbox.settings().maxRecordsPerCall).toBe(1000);
});

test('reset() does the same programmatically', async () => {
  await upload(sandbox, [profile('u1', { Name: 'Ada' })], { account });
  sandbox.reset();
  expect(sandbox.received()).toEqual([]);
  expect(sandbox.store.snapshot()).toEqual({ accounts: {} });
});

test('GET/POST /__sandbox/config reads and changes settings', async () => {
  expect((await admin(sandbox, 'GET', '/__sandbox/config')).body.settings).toEqual({
    maxRecordsPerCall: 1000,
    maxConcurrent: 15,
    maxConcurrentReads: 3,
    maxConcurrentActs: 3,
    profileNotFound: 'fail',
    discardedEvents: [],
    campaigns: null,
    schemaEvents: [],
    schemaProfileProperties: [],
  });
  const changed = await admin(sandbox, 'POST', '/__sandbox/config', {
    maxRecordsPerCall: 1,
    discardedEvents: ['X'],
  });
  expect(changed.body.settings).toMatchObject({ maxRecordsPerCall: 1, discardedEvents: ['X'] });
  const tooMany = await upload(sandbox, [profile('a', {}), profile('b', {})], { account });
  expect(tooMany.status).toBe(400);
  const bad = await admin(sandbox, 'POST', '/__sandbox/config', { maxRecordsPerCall: 'lots' });
  expect(bad.status).toBe(400);
  const unknown = await admin(sandbox, 'POST', '/__sandbox/config', { colour: 'red' });
  expect(unknown.status).toBe(400);
});

test('GET /__sandbox/health gives the URLs and account ids', async () => {
  const reply = await admin(sandbox, 'GET', '/__sandbox/health');
  expect(reply.body).toEqual({
    status: 'ok',
    url: sandbox.url,
    baseUrl: sandbox.baseUrl,
    accounts: [
      { id: 'ACC-1', region: 'eu1' },
      { id: 'ACC-2', region: 'us1' },
    ],
  });
});

test('an unknown sandbox route is 404', async () => {
  const reply = await admin(sandbox, 'GET', '/__sandbox/nothing');
  expect(reply.status).toBe(404);
  expect(reply.body.status).toBe('fail');
});

test('the request logs keep only the latest logLimit entries', async () => {
  const small = await startSandbox({ logLimit: 2 });
  try {
    for (const id of ['a', 'b', 'c']) await upload(small, [profile(id, {})]);
    expect(small.received().map((entry) => entry.body)).toEqual([
      { d: [profile('b', {})] },
      { d: [profile('c', {})] },
    ]);
  } finally {
    await small.close();
  }
});
