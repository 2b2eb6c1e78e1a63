// POST /<region>/1/delete/profiles.json: exactly one of identity or guid, at most 100 values; the profiles and their
// events leave the store.
import { Sandbox, startSandbox } from '../../sandbox';
import { act, event, lookup, postRaw, profile, upload } from './helpers';
import { at } from '../at';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const SUCCESS = { status: 'success' };
const UUID = 'a8ffcbc9-a747-4ee3-a791-c5e58ad03097';

/** Three profiles (two by identity, one by objectId), each with one event. */
async function seed(): Promise<void> {
  const reply = await upload(sandbox, [
    profile('u1', { Name: 'Ada', Email: 'ada@example.com' }),
    event('u1', 'Bought'),
    profile('u2', { Name: 'Bob' }),
    event('u2', 'Bought'),
    { type: 'profile', objectId: UUID, profileData: { Name: 'Web' } },
    { type: 'event', objectId: UUID, evtName: 'Visited', evtData: {} },
  ]);
  expect(reply.body.processed).toBe(6);
}

const identities = () =>
  sandbox.store
    .profiles()
    .map((p) => p.identity ?? p.objectId)
    .sort();

describe('deletes', () => {
  beforeEach(seed);

  test('by identity (a string): the profile and its events are gone, a lookup finds nothing', async () => {
    const reply = await act(sandbox, 'delete', { identity: 'u1' });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual(SUCCESS);
    expect(sandbox.store.profile('identity', 'u1')).toBeUndefined();
    expect(identities()).toEqual(['u2', UUID].sort());
    expect(sandbox.store.events().map((e) => e.userKey.value)).toEqual(['u2', UUID]);
    expect((await lookup(sandbox, 'identity=u1')).body).toEqual({
      status: 'fail',
      error: 'User not found',
      code: 404,
    });
    expect((await lookup(sandbox, 'email=ada%40example.com')).body.status).toBe('fail');
  });

  test('by identity (a list)', async () => {
    expect((await act(sandbox, 'delete', { identity: ['u1', 'u2'] })).body).toEqual(SUCCESS);
    expect(identities()).toEqual([UUID]);
  });

  test('by guid, the objectId: a string or a list, of any documented shape', async () => {
    const u2 = sandbox.store.profile('identity', 'u2')!.objectId;
    expect((await act(sandbox, 'delete', { guid: UUID })).body).toEqual(SUCCESS);
    expect(identities()).toEqual(['u1', 'u2']);
    expect((await act(sandbox, 'delete', { guid: [u2] })).body).toEqual(SUCCESS);
    expect(identities()).toEqual(['u1']);
    expect(sandbox.store.events().map((e) => e.evtName)).toEqual(['Bought']);
  });

  test('values that find nothing are fine: success, nothing else removed', async () => {
    const reply = await act(sandbox, 'delete', { identity: ['nobody', 'u1', 'u1'] });
    expect(reply.body).toEqual(SUCCESS);
    expect(identities()).toEqual(['u2', UUID].sort());
    expect((await act(sandbox, 'delete', { guid: '-00000000000000000000000000000000' })).body).toEqual(
      SUCCESS,
    );
    expect(sandbox.store.profiles()).toHaveLength(2);
  });

  test('an identity is not a guid: { guid: "u2" } deletes nothing', async () => {
    await act(sandbox, 'delete', { guid: 'u2' });
    expect(sandbox.store.profiles()).toHaveLength(3);
  });

  test('a later upload with the same identity makes a new profile', async () => {
    const before = sandbox.store.profile('identity', 'u1')!.objectId;
    await act(sandbox, 'delete', { identity: 'u1' });
    await upload(sandbox, [profile('u1', { Name: 'Ada again' })]);
    const after = sandbox.store.profile('identity', 'u1')!;
    expect(after.objectId).not.toBe(before);
    expect(after.profileData).toEqual({ Name: 'Ada again' });
  });

  test('exactly 100 values are allowed', async () => {
    const values = ['u1', ...Array.from({ length: 99 }, (_, i) => `x${i}`)];
    expect((await act(sandbox, 'delete', { identity: values })).body).toEqual(SUCCESS);
    expect(identities()).toEqual(['u2', UUID].sort());
  });

  test("another account's profiles are not touched", async () => {
    const other = await startSandbox({
      accounts: [
        { id: 'A', passcode: 'pa', region: 'eu1' },
        { id: 'B', passcode: 'pb', region: 'eu1' },
      ],
    });
    try {
      for (const account of [
        { id: 'A', passcode: 'pa' },
        { id: 'B', passcode: 'pb' },
      ])
        await upload(other, [profile('same', { Name: account.id })], { account });
      await act(other, 'delete', { identity: 'same' }, { account: { id: 'A', passcode: 'pa' } });
      expect(other.store.profiles('A')).toEqual([]);
      expect(other.store.profiles('B')).toEqual([expect.objectContaining({ identity: 'same' })]);
    } finally {
      await other.close();
    }
  });
});

describe('refuses with 400 and deletes nothing', () => {
  beforeEach(seed);

  test.each([
    ['both keys', { identity: 'u1', guid: UUID }, 'not both'],
    ['neither key', { ids: ['u1'] }, 'One of "identity" or "guid" is required'],
    ['an empty body object', {}, 'is required'],
    ['an empty list', { identity: [] }, 'empty list'],
    ['an empty string', { identity: '' }, 'non-empty'],
    ['a blank string in the list', { guid: [UUID, '  '] }, 'non-empty'],
    ['101 values', { identity: Array.from({ length: 101 }, (_, i) => `u${i}`) }, 'at most 100'],
    ['a number', { identity: 42 }, 'non-empty string'],
    ['null', { identity: null }, 'non-empty string'],
    ['a nested list', { identity: [['u1']] }, 'non-empty string'],
    ['an object', { guid: { id: UUID } }, 'non-empty string'],
    ['a list as the body', ['u1'], 'must be an object'],
  ])('%s', async (_name, body, error) => {
    const reply = await act(sandbox, 'delete', body);
    expect(reply.status).toBe(400);
    expect(reply.body).toEqual({ status: 'fail', error: expect.stringContaining(error), code: 400 });
    expect(sandbox.store.profiles()).toHaveLength(3);
  });

  test('malformed JSON and a Content-Type other than JSON', async () => {
    const malformed = await postRaw(sandbox, 'delete/profiles.json', '{"identity": ');
    expect(malformed.body).toEqual({
      status: 'fail',
      error: 'Malformed JSON in the request body',
      code: 400,
    });
    const text = await postRaw(sandbox, 'delete/profiles.json', '{"identity":"u1"}', {
      headers: { 'Content-Type': 'text/plain' },
    });
    expect(text.body).toEqual({ status: 'fail', error: 'Content-Type must be application/json', code: 400 });
    expect(sandbox.store.profiles()).toHaveLength(3);
  });
});

test('every request is logged under acts() with route "delete", the body and the answer', async () => {
  await act(sandbox, 'delete', { identity: ['u1'] });
  await act(sandbox, 'delete', { identity: 'u1', guid: 'x' });
  const acts = sandbox.acts();
  const [first, second] = [at(acts, 0), at(acts, 1)];
  expect(second.seq).toBe(first.seq + 1);
  expect(sandbox.acts()).toEqual([
    {
      seq: first.seq,
      at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      route: 'delete',
      region: 'eu1',
      accountId: 'TEST-ACCOUNT',
      query: {},
      contentType: 'application/json; charset=utf-8',
      body: { identity: ['u1'] },
      status: 200,
      answer: SUCCESS,
      faults: [],
    },
    expect.objectContaining({ route: 'delete', status: 400, body: { identity: 'u1', guid: 'x' } }),
  ]);
  expect(sandbox.acts('delete')).toHaveLength(2);
  expect(sandbox.acts('subscribe')).toEqual([]);
  expect(sandbox.received()).toEqual([]);
});
