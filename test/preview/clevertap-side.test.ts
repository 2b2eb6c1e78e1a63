import {
  lastSeq,
  narrowToUsers,
  requestsSince,
  userRecords,
  usersOf,
  type SandboxLogs,
} from '../../preview/clevertap-side';

const at = '2026-06-01T00:00:00.000Z';
const upload = (
  seq: number,
  region: string,
  query: Record<string, string>,
  body: unknown,
  faults: string[] = [],
) => ({
  seq,
  at,
  region,
  accountId: 'A',
  query,
  dryRun: 'dryRun' in query,
  contentType: 'application/json',
  body,
  status: 200,
  answer: { status: 'success' },
  faults,
});

const logs: SandboxLogs = {
  received: [
    upload(1, 'eu1', {}, { d: [{ identity: 'old' }] }),
    upload(
      3,
      'eu1',
      { dryRun: '1' },
      { d: [{ identity: 'ada@example.com', type: 'profile' }, { objectId: '-abc' }] },
      ['delay'],
    ),
  ],
  lookups: [
    {
      seq: 2,
      at,
      region: 'eu1',
      accountId: 'A',
      query: { email: 'ada@example.com' },
      status: 200,
      answer: {},
      faults: [],
    },
  ],
  schemaReads: [
    {
      seq: 5,
      at,
      region: 'eu1',
      accountId: 'A',
      query: { type: 'events' },
      status: 200,
      answer: { status: 'success', events: [] },
      faults: [],
    },
  ],
  acts: [
    {
      ...upload(4, 'in1', {}, { d: [{ type: 'email', value: 'x@example.com', status: 'Unsubscribe' }] }),
      route: 'subscribe',
    },
  ],
};

describe('requestsSince', () => {
  it("lists a step's requests (uploads, lookups, schema reads, other calls) oldest first, with CleverTap's paths", () => {
    expect(requestsSince(logs, 1).map((r) => [r.seq, r.method, r.path, r.faults])).toEqual([
      [2, 'GET', '/eu1/1/profile.json?email=ada%40example.com', []],
      [3, 'POST', '/eu1/1/upload?dryRun=1', ['delay']],
      [4, 'POST', '/in1/1/subscribe', []],
      [5, 'GET', '/eu1/getSchema?type=events', []],
    ]);
    expect(requestsSince(logs, 5)).toEqual([]);
    expect(lastSeq(logs)).toBe(5);
    expect(lastSeq({ received: [], lookups: [], schemaReads: [], acts: [] })).toBe(0);
  });
});

describe('usersOf', () => {
  it('reads the user keys of the uploaded records and of the lookups', () => {
    expect(usersOf(requestsSince(logs, 1), {})).toEqual(['ada@example.com', '-abc', 'x@example.com']);
  });

  it('reads deletes (one value or a list) and campaign triggers', () => {
    const call = (body: unknown) => [
      { seq: 1, method: 'POST' as const, path: '/eu1/1/x', status: 200, body, answer: {}, faults: [] },
    ];
    expect(usersOf(call({ guid: ['-1', '-2'] }), {})).toEqual(['-1', '-2']);
    expect(usersOf(call({ identity: '51' }), {})).toEqual(['51']);
    expect(usersOf(call({ to: { email: ['a@example.com'] }, campaign_id: '9' }), {})).toEqual([
      'a@example.com',
    ]);
  });

  it('falls back to the input when nothing was sent', () => {
    expect(usersOf([], { identity: '51', email: ' ', evtName: 'x' })).toEqual(['51']);
  });
});

describe('userRecords', () => {
  const store = {
    profiles: [
      { objectId: '-1', identity: 'ada@example.com', profileData: { Name: 'Ada' } },
      { objectId: '-2', identity: '52', profileData: { Email: 'Charles@Example.com' } },
      { objectId: '-3', identity: 'other', profileData: {} },
    ],
    events: [
      {
        userKey: { name: 'identity', value: 'ada@example.com' },
        objectId: '-1',
        evtName: 'A',
        evtData: {},
        ts: 1,
      },
      { userKey: { name: 'objectId', value: '-3' }, objectId: '-3', evtName: 'B', evtData: {}, ts: 2 },
      { userKey: { name: 'identity', value: 'charles' }, objectId: '-2', evtName: 'C', evtData: {}, ts: 3 },
    ],
  };

  it("finds the users' profiles by key or email (any case) and every event on them", () => {
    const found = userRecords(store, ['ada@example.com', 'charles@example.com']);
    expect(found.profiles.map((p) => p.objectId)).toEqual(['-1', '-2']);
    expect(found.events.map((e) => e.evtName)).toEqual(['A', 'C']);
    expect(userRecords(store, ['nobody'])).toEqual({ profiles: [], events: [] });
  });
});

describe('narrowToUsers', () => {
  const users = new Set(['ada@example.com', '-1']);

  it("keeps the entries of the connection's account that mention a user", () => {
    const view = {
      subscriptions: [
        { accountId: 'A', type: 'email', value: 'ada@example.com' },
        { accountId: 'B', type: 'email', value: 'ada@example.com' },
        { accountId: 'A', type: 'email', value: 'other@example.com' },
      ],
      inbox: [{ campaignId: '1', to: { identity: ['x'] }, matchedObjectIds: ['-1'] }],
      note: 'kept',
    };
    expect(narrowToUsers(view, 'A', users)).toEqual({
      subscriptions: [{ accountId: 'A', type: 'email', value: 'ada@example.com' }],
      inbox: [{ campaignId: '1', to: { identity: ['x'] }, matchedObjectIds: ['-1'] }],
      note: 'kept',
    });
  });

  it('narrows an accounts map to the account, and keeps lists of plain values', () => {
    expect(
      narrowToUsers({ accounts: { A: { list: [{ id: '-1' }, { id: '-2' }] }, B: {} } }, 'A', users),
    ).toEqual({
      list: [{ id: '-1' }],
    });
    expect(narrowToUsers(['a', 'b'], 'A', users)).toEqual(['a', 'b']);
    expect(narrowToUsers({ accounts: {} }, 'A', users)).toEqual({});
  });
});
