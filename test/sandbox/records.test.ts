// Per-record validation over HTTP: each code, its text, partial answers and the record number.
import { Sandbox, startSandbox } from '../../sandbox';
import { event, expectOneRefused, profile, upload } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ discardedEvents: ['Old Event'] });
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const TS = 1_700_000_000;
/** One objectId of every documented shape (docs/clevertap-api.md, Decisions). */
const OBJECT_IDS = [
  ['iOS', '-2ce3cca260664f70b82b1c6bb505f462'],
  ['iOS custom', '-hcustom_id-42'],
  ['Android advertising id', '__g3b0f1c2e-aa11-4b2c-9d3e-112233445566'],
  ['Android random', '__a1b2c3d4e5f60718293a4b5c6d7e8f90'],
  ['web UUID', 'a8ffcbc9-a747-4ee3-a791-c5e58ad03097'],
  ['web UUID in capitals', 'A8FFCBC9-A747-4EE3-A791-C5E58AD03097'],
  ['32 hex', '25b08803c1af4e00839f530264dac6f8'],
  ['Windows', '~f81d4fae7dec11d0a76500a0c91e6bf6'],
] as const;
const manyProps = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`p${i}`, i]));

const REJECTED: [string, unknown, number][] = [
  ['event without evtName', { type: 'event', identity: 'u1', evtData: {} }, 509],
  ['event with an empty evtName', event('u1', '  '), 509],
  ['event name with a forbidden character', event('u1', 'Bought.Thing'), 512],
  ['event property key with a forbidden character', event('u1', 'Bought', { 'a:b': 1 }), 512],
  ['event property key with $', event('u1', 'Bought', { $price: 1 }), 512],
  ['evtData that is not an object', event('u1', 'Bought', [] as unknown as Record<string, unknown>), 512],
  ['evtData that is a string', { type: 'event', identity: 'u1', evtName: 'Bought', evtData: 'x' }, 512],
  ['a nested object in evtData', event('u1', 'Bought', { address: { city: 'Paris' } }), 512],
  ['a list in a non-Charged event', event('u1', 'Bought', { Items: [{ a: 1 }] }), 512],
  ['Charged Items that are not objects', event('u1', 'Charged', { Items: ['x'] }), 512],
  ['Charged Items with a nested value', event('u1', 'Charged', { Items: [{ a: { b: 1 } }] }), 512],
  ['a key longer than 120 bytes', event('u1', 'Bought', { ['k'.repeat(121)]: 1 }), 512],
  ['a key of 61 two-byte characters (122 bytes)', event('u1', 'Bought', { ['é'.repeat(61)]: 1 }), 512],
  ['a string value longer than 512 bytes', event('u1', 'Bought', { note: 'v'.repeat(513) }), 512],
  ['a malformed $D_ date', profile('u1', { DOB: '$D_yesterday' }), 512],
  ['profileData missing', { type: 'profile', identity: 'u1' }, 512],
  ['profileData not an object', { type: 'profile', identity: 'u1', profileData: 'x' }, 512],
  ['a profile key with #', profile('u1', { 'Tier#': 'gold' }), 512],
  ['an unknown update operator', profile('u1', { Score: { $mul: 2 } }), 512],
  ['$incr with a non-number', profile('u1', { Score: { $incr: 'a' } }), 512],
  ['$add with a non-string list', profile('u1', { Tags: { $add: [1, 2] } }), 512],
  [
    'a multi-value list over 100 items',
    profile('u1', { Tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }),
    512,
  ],
  ['a system event', event('u1', 'App Launched'), 513],
  ['a system event in another case and spacing', event('u1', 'notificationclicked'), 513],
  ['Web Page Viewed', event('u1', ' web page  VIEWED '), 513],
  ['Gender not M/F', profile('u1', { Gender: 'Male' }), 514],
  ['an invalid Email', profile('u1', { Email: 'not-an-email' }), 515],
  ['a Phone without +', profile('u1', { Phone: '0612345678' }), 516],
  ['a Phone with letters', profile('u1', { Phone: '+33 6 12 34' }), 516],
  ['Employed not Y/N', profile('u1', { Employed: 'yes' }), 517],
  ['Education not in the list', profile('u1', { Education: 'PhD' }), 518],
  ['Married not Y/N', profile('u1', { Married: true }), 519],
  ['Age as a string', profile('u1', { Age: '42' }), 520],
  ['more than 256 event properties', event('u1', 'Bought', manyProps(257)), 522],
  ['no user key', { type: 'profile', profileData: { Name: 'x' } }, 523],
  ['an empty identity', profile('', { Name: 'x' }), 523],
  ['two user keys', profile('u1', { Name: 'x' }, { objectId: '-abc' }), 523],
  ['an identity that is an object', { type: 'profile', identity: { id: 1 }, profileData: {} }, 523],
  ['an unknown type', { type: 'user', identity: 'u1', profileData: {} }, 524],
  ['no type', { identity: 'u1', profileData: {} }, 524],
  ['a record that is not an object', 'hello', 524],
  ['ts 0', profile('u1', { Name: 'x' }, { ts: 0 }), 525],
  ['a negative ts', profile('u1', { Name: 'x' }, { ts: -5 }), 525],
  ['a fractional ts', profile('u1', { Name: 'x' }, { ts: 1700000000.5 }), 525],
  ['a ts in milliseconds', event('u1', 'Bought', {}, { ts: 1_700_000_000_000 }), 525],
  ['a ts as a string', event('u1', 'Bought', {}, { ts: '1700000000' }), 525],
  ['a $D_ date in milliseconds', profile('u1', { DOB: '$D_1700000000000' }), 525],
  ['a ts of exactly 1e11 (taken as milliseconds)', event('u1', 'Bought', {}, { ts: 100_000_000_000 }), 525],
  ['a $D_ date of exactly 1e11', profile('u1', { DOB: '$D_100000000000' }), 525],
  [
    'an objectId of none of the documented shapes',
    { type: 'profile', objectId: 'abc123', profileData: {} },
    526,
  ],
  ['an email as objectId', { type: 'profile', objectId: 'ada@example.com', profileData: {} }, 526],
  ['a numeric objectId', { type: 'profile', objectId: 12, profileData: {} }, 526],
  [
    'an objectId with a space inside',
    { type: 'profile', objectId: '-2ce3cca2 60664f70', profileData: {} },
    526,
  ],
  ['an objectId with a leading space', { type: 'profile', objectId: ' __g42', profileData: {} }, 526],
  ['an objectId with a trailing newline', { type: 'profile', objectId: '~abc\n', profileData: {} }, 526],
  [
    'a UUID with a space',
    { type: 'profile', objectId: 'a8ffcbc9-a747-4ee3-a791 c5e58ad03097', profileData: {} },
    526,
  ],
  [
    '31 hex characters',
    { type: 'profile', objectId: '25b08803c1af4e00839f530264dac6f', profileData: {} },
    526,
  ],
  ['a bare prefix', { type: 'profile', objectId: '__', profileData: {} }, 526],
  ['an objectId of white space only', { type: 'profile', objectId: '   ', profileData: {} }, 523],
  ['a discarded event', event('u1', 'old event'), 528],
];

describe.each(REJECTED)('rejects %s', (_name, record, code) => {
  test(`with code ${code}, a CleverTap error text and the record echoed`, async () => {
    expectOneRefused(await upload(sandbox, [record]), code, record);
    expect(sandbox.store.profiles()).toEqual([]);
    expect(sandbox.store.events()).toEqual([]);
  });
});

const ACCEPTED: [string, unknown][] = [
  ['a plain profile', profile('u1', { Name: 'Ada', 'Customer Type': 'Gold' })],
  [
    'every standard field valid',
    profile('u1', {
      Email: 'ada@example.com',
      Phone: '+447911123456',
      Gender: 'F',
      Age: 36,
      Employed: 'Y',
      Married: 'N',
      Education: 'Graduate',
      DOB: '$D_487576752',
      'MSG-email': true,
    }),
  ],
  ['a ts in seconds', profile('u1', { Name: 'x' }, { ts: TS })],
  ['the largest ts in seconds, 1e11 - 1', profile('u1', { Name: 'x' }, { ts: 99_999_999_999 })],
  ['a birth date before 1970', profile('u1', { DOB: '$D_-286848000' })],
  ['a key of exactly 120 bytes', event('u1', 'Bought', { ['k'.repeat(120)]: 1 })],
  ['a value of exactly 512 bytes', event('u1', 'Bought', { note: 'v'.repeat(512) })],
  ['exactly 256 event properties', event('u1', 'Bought', manyProps(256))],
  ['an event without evtData', { type: 'event', identity: 'u1', evtName: 'Signed Up' }],
  [
    'Charged with Items',
    event('u1', 'Charged', { Amount: 30, Items: [{ Name: 'Book', Price: 10 }, { Name: 'Pen' }] }),
  ],
  ['charged (case-insensitive) with Items', event('u1', 'charged', { Items: [{ Name: 'Book' }] })],
  ...OBJECT_IDS.map(([shape, objectId]): [string, unknown] => [
    `an objectId of the ${shape} shape`,
    { type: 'event', objectId, evtName: 'Bought', evtData: {} },
  ]),
  ['an FBID', { type: 'profile', FBID: '1234', profileData: { Name: 'x' } }],
  ['a GPID', { type: 'event', GPID: '99', evtName: 'Bought', evtData: {} }],
  ['a numeric identity', { type: 'profile', identity: 42, profileData: {} }],
  [
    'update operators',
    profile('u1', { Tags: { $add: ['a'] }, Old: { $remove: 'b' }, N: { $incr: 2 }, X: { $delete: 1 } }),
  ],
  ['an operator on a standard field', profile('u1', { Email: { $delete: 1 } })],
  ['null values', event('u1', 'Bought', { coupon: null })],
];

describe.each(ACCEPTED)('accepts %s', (_name, record) => {
  test('and stores it', async () => {
    const reply = await upload(sandbox, [record]);
    expect(reply.body).toEqual({ status: 'success', processed: 1, unprocessed: [] });
    expect(sandbox.store.profiles()).toHaveLength(1);
  });
});

test('a mixed call answers partial, numbers skipped records from 1, and stores only the good ones', async () => {
  const records = [
    profile('u1', { Name: 'Ada' }),
    event('u1', 'App Launched'),
    event('u2', 'Bought', { sku: 'A' }),
    profile('u3', { Gender: 'X' }),
  ];
  const reply = await upload(sandbox, records);
  expect(reply.body.status).toBe('partial');
  expect(reply.body.processed).toBe(2);
  expect(reply.body.unprocessed.map((u: { code: number }) => u.code)).toEqual([513, 514]);
  expect(reply.body.unprocessed[0].error).toMatch(/Skipped record number : 2$/);
  expect(reply.body.unprocessed[1].error).toMatch(/Skipped record number : 4$/);
  expect(reply.body.unprocessed[1].record).toEqual(records[3]);
  expect(sandbox.store.profiles().map((p) => p.identity)).toEqual(['u1', 'u2']);
  expect(sandbox.store.events().map((e) => e.evtName)).toEqual(['Bought']);
});

test('the first failing check wins: a record with no user key and a bad type is 523', async () => {
  const reply = await upload(sandbox, [{ type: 'nope' }]);
  expect(reply.body.unprocessed[0].code).toBe(523);
});

test('an empty d array is a success with nothing processed', async () => {
  const reply = await upload(sandbox, []);
  expect(reply.body).toEqual({ status: 'success', processed: 0, unprocessed: [] });
});
