// What the sandbox keeps: profiles merged by user key, update operators, events, and profile.json.
import { Sandbox, startSandbox } from '../../sandbox';
import { event, lookup, profile, upload } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const OBJECT_ID = /^-[0-9a-f]{32}$/;

async function accepted(records: unknown[]) {
  const reply = await upload(sandbox, records);
  expect(reply.body).toEqual({ status: 'success', processed: records.length, unprocessed: [] });
}

describe('profiles', () => {
  test('a new identity gets a CleverTap-style objectId; later uploads merge into it', async () => {
    await accepted([
      profile('ada@example.com', { Name: 'Ada', Email: 'ada@example.com' }, { ts: 1_700_000_000 }),
    ]);
    await accepted([
      profile('ada@example.com', { Phone: '+447911123456', Name: 'Ada L.' }, { ts: 1_700_000_100 }),
    ]);
    const profiles = sandbox.store.profiles();
    expect(profiles).toHaveLength(1);
    expect(profiles[0]).toEqual({
      objectId: expect.stringMatching(OBJECT_ID),
      identity: 'ada@example.com',
      profileData: { Name: 'Ada L.', Email: 'ada@example.com', Phone: '+447911123456' },
      createdAt: 1_700_000_000,
      updatedAt: 1_700_000_100,
    });
  });

  test('an objectId user key merges into the profile that has it', async () => {
    await accepted([profile('u1', { Name: 'Ada' })]);
    const { objectId } = sandbox.store.profiles()[0]!;
    await accepted([{ type: 'profile', objectId, profileData: { Age: 36 } }]);
    expect(sandbox.store.profiles()).toEqual([
      expect.objectContaining({ identity: 'u1', profileData: { Name: 'Ada', Age: 36 } }),
    ]);
  });

  test('an unknown objectId creates a profile with that objectId', async () => {
    await accepted([{ type: 'profile', objectId: '__g42', profileData: { Name: 'Anon' } }]);
    expect(sandbox.store.profile('objectId', '__g42')).toMatchObject({
      objectId: '__g42',
      profileData: { Name: 'Anon' },
    });
  });

  test.each(['a8ffcbc9-a747-4ee3-a791-c5e58ad03097', '25b08803c1af4e00839f530264dac6f8', '~w1nd0ws'])(
    'a profile uploaded with objectId %s is found by it, and its events land on it',
    async (objectId) => {
      await accepted([
        { type: 'profile', objectId, profileData: { Name: 'Web user' } },
        { type: 'event', objectId, evtName: 'Visited', evtData: {} },
      ]);
      const reply = await lookup(sandbox, `objectId=${encodeURIComponent(objectId)}`);
      expect(reply.body).toEqual({
        status: 'success',
        record: { Name: 'Web user', platformInfo: [{ objectId }] },
      });
      expect(sandbox.store.events()).toEqual([expect.objectContaining({ objectId, evtName: 'Visited' })]);
    },
  );

  test('different identities are different profiles; FBID and GPID are keys of their own', async () => {
    await accepted([
      profile('u1', { Name: 'A' }),
      profile('u2', { Name: 'B' }),
      { type: 'profile', FBID: 'fb1', profileData: { Name: 'C' } },
      { type: 'profile', FBID: 'fb1', profileData: { Age: 3 } },
      { type: 'profile', GPID: 'gp1', profileData: { Name: 'D' } },
    ]);
    expect(sandbox.store.profiles()).toHaveLength(4);
    expect(sandbox.store.profile('FBID', 'fb1')?.profileData).toEqual({ Name: 'C', Age: 3 });
    expect(sandbox.store.profile('GPID', 'gp1')?.profileData).toEqual({ Name: 'D' });
  });

  test('$incr and $decr on numbers (a missing value counts as 0)', async () => {
    await accepted([profile('u1', { Score: 10 })]);
    await accepted([profile('u1', { Score: { $incr: 5 }, Visits: { $incr: 1 }, Credit: { $decr: 2.5 } })]);
    await accepted([profile('u1', { Score: { $decr: 3 } })]);
    expect(sandbox.store.profile('identity', 'u1')?.profileData).toEqual({
      Score: 12,
      Visits: 1,
      Credit: -2.5,
    });
  });

  test('$add and $remove keep a list of unique strings', async () => {
    await accepted([profile('u1', { Tags: ['a', 'b'] })]);
    await accepted([profile('u1', { Tags: { $add: ['b', 'c', 'c'] } })]);
    expect(sandbox.store.profile('identity', 'u1')?.profileData.Tags).toEqual(['a', 'b', 'c']);
    await accepted([profile('u1', { Tags: { $remove: ['a', 'zz'] }, Other: { $add: 'x' } })]);
    expect(sandbox.store.profile('identity', 'u1')?.profileData).toEqual({ Tags: ['b', 'c'], Other: ['x'] });
  });

  test('a list keeps at most 100 items, dropping the oldest', async () => {
    const first = Array.from({ length: 100 }, (_, i) => `t${i}`);
    await accepted([profile('u1', { Tags: first })]);
    await accepted([profile('u1', { Tags: { $add: ['new1', 'new2'] } })]);
    const tags = sandbox.store.profile('identity', 'u1')?.profileData.Tags as string[];
    expect(tags).toHaveLength(100);
    expect(tags.slice(0, 2)).toEqual(['t2', 't3']);
    expect(tags.slice(-2)).toEqual(['new1', 'new2']);
  });

  test('a plain list replaces the whole list, duplicates removed', async () => {
    await accepted([profile('u1', { Tags: ['a', 'b'] })]);
    await accepted([profile('u1', { Tags: ['c', 'c', 'd'] })]);
    expect(sandbox.store.profile('identity', 'u1')?.profileData.Tags).toEqual(['c', 'd']);
  });

  test('$delete removes the key', async () => {
    await accepted([profile('u1', { Name: 'Ada', Email: 'ada@example.com' })]);
    await accepted([profile('u1', { Email: { $delete: 1 } })]);
    expect(sandbox.store.profile('identity', 'u1')?.profileData).toEqual({ Name: 'Ada' });
  });

  test('$D_ dates are stored as sent', async () => {
    await accepted([profile('u1', { DOB: '$D_487576752' })]);
    expect(sandbox.store.profile('identity', 'u1')?.profileData.DOB).toBe('$D_487576752');
  });

  test('the store hands out copies', async () => {
    await accepted([profile('u1', { Name: 'Ada' })]);
    sandbox.store.profiles()[0]!.profileData.Name = 'changed';
    expect(sandbox.store.profiles()[0]!.profileData.Name).toBe('Ada');
  });
});

describe('events', () => {
  test('are appended in order with their user key and land on a profile', async () => {
    await accepted([
      event('u1', 'Bought', { sku: 'A' }, { ts: 1_700_000_000 }),
      event('u1', 'Bought', { sku: 'A' }, { ts: 1_700_000_000 }),
      event('u2', 'Charged', { Amount: 5, Items: [{ Name: 'Pen' }] }),
    ]);
    const events = sandbox.store.events();
    expect(events).toHaveLength(2 + 1);
    const u1 = sandbox.store.profile('identity', 'u1')!;
    expect(events[0]).toEqual({
      userKey: { name: 'identity', value: 'u1' },
      objectId: u1.objectId,
      evtName: 'Bought',
      evtData: { sku: 'A' },
      ts: 1_700_000_000,
    });
    expect(events[1]).toEqual(events[0]);
    expect(events[2]).toMatchObject({ evtName: 'Charged', evtData: { Amount: 5, Items: [{ Name: 'Pen' }] } });
    expect(events[2]!.ts).toBeGreaterThan(1_700_000_000);
    expect(sandbox.store.profiles()).toHaveLength(2);
  });
});

describe('GET /1/profile.json', () => {
  beforeEach(async () => {
    await accepted([profile('ada-1', { Name: 'Ada', Email: 'Ada@Example.com', Phone: '+447911123456' })]);
  });

  test('by identity, email (case-insensitive) or objectId', async () => {
    const { objectId } = sandbox.store.profiles()[0]!;
    const expected = {
      status: 'success',
      record: {
        Name: 'Ada',
        Email: 'Ada@Example.com',
        Phone: '+447911123456',
        identity: 'ada-1',
        platformInfo: [{ objectId }],
      },
    };
    for (const query of ['identity=ada-1', 'email=ada%40example.com', `objectId=${objectId}`]) {
      const reply = await lookup(sandbox, query);
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual(expected);
    }
  });

  test('an URL-encoded + in the query is read as +', async () => {
    await accepted([profile('+447911123456', { Name: 'Phone user' })]);
    const reply = await lookup(sandbox, `identity=${encodeURIComponent('+447911123456')}`);
    expect(reply.body.record).toMatchObject({ identity: '+447911123456', Name: 'Phone user' });
  });

  test('not found answers HTTP 200 {"status":"fail","error":"User not found","code":404} by default', async () => {
    const reply = await lookup(sandbox, 'identity=nobody');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'fail', error: 'User not found', code: 404 });
  });

  test('the other not-found shape {"status":"success"}, switched by configure() or an option', async () => {
    sandbox.configure({ profileNotFound: 'empty' });
    const reply = await lookup(sandbox, 'email=nobody%40example.com');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({ status: 'success' });
    const other = await startSandbox({ profileNotFound: 'empty' });
    try {
      expect((await lookup(other, 'identity=x')).body).toEqual({ status: 'success' });
    } finally {
      await other.close();
    }
  });

  test.each([
    ['fail404', 404, { status: 'fail', error: 'User not found', code: 404 }],
    ['null', 200, { status: 'success', record: null }],
    ['empty', 200, { status: 'success' }],
  ] as const)('the not-found shape %s: HTTP %i %j', async (shape, status, body) => {
    sandbox.configure({ profileNotFound: shape });
    const reply = await lookup(sandbox, 'objectId=-00000000000000000000000000000000');
    expect(reply.status).toBe(status);
    expect(reply.body).toEqual(body);
    expect((await lookup(sandbox, 'identity=ada-1')).body.status).toBe('success');
  });

  test.each([
    ['', 'none'],
    ['identity=a&email=b%40c.de', 'two'],
    ['identity=', 'an empty one'],
    ['name=Ada', 'unknown only'],
  ])('anything but exactly one of identity, email, objectId is 400 (%s: %s)', async (query) => {
    const reply = await lookup(sandbox, query);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: 'fail', code: 400 });
  });

  test('lookups are logged apart from uploads', async () => {
    await lookup(sandbox, 'identity=ada-1');
    expect(sandbox.lookups()).toEqual([
      expect.objectContaining({
        region: 'eu1',
        accountId: 'TEST-ACCOUNT',
        query: { identity: 'ada-1' },
        status: 200,
      }),
    ]);
  });
});
