// CleverTap's own Node client (npm `clevertap`) against the sandbox: upload, profile lookup, subscribe and delete.
// The client builds every URL from `api.apiEndpoint` (https://<region>.api.clevertap.com/1, set by init()), so the
// test points that one property at the sandbox after init(). No real host is reached (nock refuses any, test/setup.ts).
import { init } from 'clevertap';
import { Sandbox, startSandbox } from '../../sandbox';

const ACCOUNT = { id: 'CLIENT-ACCOUNT', passcode: 'client-passcode', region: 'in1' as const };
let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ accounts: [ACCOUNT] });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

function client() {
  const clevertap = init(ACCOUNT.id, ACCOUNT.passcode, ACCOUNT.region);
  expect(clevertap.api.apiEndpoint).toBe('https://in1.api.clevertap.com/1');
  clevertap.api.apiEndpoint = `${sandbox.regionUrl(ACCOUNT.region)}/1`;
  return clevertap;
}

const ada = { type: 'profile', identity: 'ada-1', profileData: { Name: 'Ada', Email: 'ada@example.com' } };
const bought = { type: 'event', identity: 'ada-1', evtName: 'Bought', evtData: { Amount: 12 } };

test('upload: profiles and events are stored; the client sends the headers and JSON the contract asks for', async () => {
  const answer = await client().upload([ada, bought]);
  expect(answer).toEqual({ status: 'success', processed: 2, unprocessed: [] });
  expect(sandbox.store.profile('identity', 'ada-1')?.profileData).toEqual(ada.profileData);
  expect(sandbox.store.events()).toEqual([
    expect.objectContaining({ evtName: 'Bought', evtData: { Amount: 12 } }),
  ]);
  expect(sandbox.received()).toEqual([
    expect.objectContaining({
      region: 'in1',
      accountId: ACCOUNT.id,
      contentType: 'application/json',
      status: 200,
    }),
  ]);
});

test("upload: the client's batches of 100 are each answered", async () => {
  const records = Array.from({ length: 150 }, (_, i) => ({ ...bought, identity: `u${i}` }));
  const answers = await client().upload(records);
  expect(answers).toEqual([
    { status: 'success', processed: 100, unprocessed: [] },
    { status: 'success', processed: 50, unprocessed: [] },
  ]);
  expect(sandbox.store.events()).toHaveLength(150);
});

test("upload: a refused record comes back in the client's answer", async () => {
  const answer = await client().upload([{ ...bought, evtName: 'App Launched' }]);
  expect(answer).toMatchObject({ status: 'fail', processed: 0, unprocessed: [{ code: 513 }] });
});

test('profile: by identity, email and objectId; an unknown user is the not-found answer', async () => {
  const clevertap = client();
  await clevertap.upload([ada]);
  const { objectId } = sandbox.store.profile('identity', 'ada-1')!;
  for (const query of [{ identity: 'ada-1' }, { email: 'ada@example.com' }, { objectId }])
    expect(await clevertap.profile(query)).toEqual({
      status: 'success',
      record: { Name: 'Ada', Email: 'ada@example.com', identity: 'ada-1', platformInfo: [{ objectId }] },
    });
  expect(await clevertap.profile({ identity: 'nobody' })).toEqual({
    status: 'fail',
    error: 'User not found',
    code: 404,
  });
  expect(sandbox.lookups()).toHaveLength(4);
});

test('subscribe: the addresses get their status', async () => {
  const answer = await client().subscribe({
    d: [
      { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' },
      { type: 'phone', value: '+447911123456', status: 'Resubscribe' },
    ],
  });
  expect(answer).toEqual({ status: 'success', processed: 2, unprocessed: [] });
  expect(sandbox.store.subscription('email', 'ada@example.com')?.status).toBe('Unsubscribe');
  expect(sandbox.store.subscription('phone', '+447911123456')?.status).toBe('Resubscribe');
});

test('delete: by identity and by guid; a later lookup finds nothing', async () => {
  const clevertap = client();
  await clevertap.upload([ada, bought, { ...ada, identity: 'bob-2' }]);
  const bob = sandbox.store.profile('identity', 'bob-2')!.objectId;
  expect(await clevertap.delete({ identity: ['ada-1'] })).toEqual({ status: 'success' });
  expect(await clevertap.delete({ guid: bob })).toEqual({ status: 'success' });
  expect(sandbox.store.profiles()).toEqual([]);
  expect(sandbox.store.events()).toEqual([]);
  expect(await clevertap.profile({ identity: 'ada-1' })).toMatchObject({ status: 'fail', code: 404 });
  expect(sandbox.acts('delete').map((entry) => entry.body)).toEqual([{ identity: ['ada-1'] }, { guid: bob }]);
});
