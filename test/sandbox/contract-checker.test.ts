// The independent contract checker (test/contract-checker.ts) and the sandbox read the contract the same way where
// both apply a rule: object ID shapes, lengths in UTF-8 bytes, ts in seconds. Each case is checked by both.
import { Sandbox, startSandbox } from '../../sandbox';
import {
  SeenRequest,
  deleteProblems,
  lookupProblems,
  recordProblems,
  subscribeProblems,
  triggerProblems,
  uploadProblems,
} from '../contract-checker';
import { ACT_PATHS, Reply, act, credentials, event, lookup, upload } from './helpers';
import { at } from '../at';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const withObjectId = (objectId: string) => ({ type: 'event', objectId, evtName: 'Bought', evtData: {} });

const DOCUMENTED_OBJECT_IDS: Array<[shape: string, objectId: string]> = [
  ['iOS', '-1a063854f83a4c6484285039ecff87cb'],
  ['Android', '__g6e4b1f0a2c3d4e5f'],
  ['web UUID', 'a8ffcbc9-a747-4ee3-a791-c5e58ad03097'],
  ['32 hex', '25b08803c1af4e00839f530264dac6f8'],
  ['Windows', '~0f8fad5bd9cb469fa16570867728950e'],
];

describe.each(DOCUMENTED_OBJECT_IDS)('an objectId of the %s shape (%s)', (_shape, objectId) => {
  test('is accepted by the checker, in an upload and in a lookup', () => {
    expect(recordProblems(withObjectId(objectId))).toEqual([]);
    expect(lookupProblems(seenLookup(`objectId=${encodeURIComponent(objectId)}`))).toEqual([]);
  });

  test('is accepted by the sandbox', async () => {
    const reply = await upload(sandbox, [withObjectId(objectId)]);
    expect(reply.body).toEqual({ status: 'success', processed: 1, unprocessed: [] });
  });
});

describe.each([
  ['a space inside', '-1a063854 f83a4c6484285039ecff87cb'],
  ['a leading space', ' a8ffcbc9-a747-4ee3-a791-c5e58ad03097'],
  ['a tab at the end', '25b08803c1af4e00839f530264dac6f8\t'],
])('an objectId with %s', (_name, objectId) => {
  test('is a problem for the checker, in an upload and in a lookup', () => {
    expect(recordProblems(withObjectId(objectId))).toEqual([
      expect.stringMatching(/objectId .* white space/),
    ]);
    expect(lookupProblems(seenLookup(`objectId=${encodeURIComponent(objectId)}`))).toEqual([
      expect.stringMatching(/white space/),
    ]);
  });

  test('is refused by the sandbox with 526', async () => {
    const reply = await upload(sandbox, [withObjectId(objectId)]);
    expect(reply.body.unprocessed.map((u: { code: number }) => u.code)).toEqual([526]);
  });
});

test('an empty objectId is a problem for the checker, and the sandbox takes it as no user key (523)', async () => {
  expect(recordProblems(withObjectId(''))).toContain('user key objectId is not a non-empty string');
  const reply = await upload(sandbox, [withObjectId('')]);
  expect(reply.body.unprocessed[0].code).toBe(523);
});

describe('event names are measured in UTF-8 bytes (512) by both', () => {
  // 'ü' is 2 bytes, '日' is 3: short in characters, long in bytes.
  test.each([
    ['256 two-byte characters (512 bytes)', 'ü'.repeat(256), true],
    ['257 two-byte characters (514 bytes)', 'ü'.repeat(257), false],
    ['170 three-byte characters (510 bytes)', '日'.repeat(170), true],
    ['171 three-byte characters (513 bytes)', '日'.repeat(171), false],
    ['512 one-byte characters', 'e'.repeat(512), true],
  ])('%s', async (_name, evtName, fits) => {
    const record = event('u1', evtName);
    const problems = recordProblems(record);
    const reply = await upload(sandbox, [record]);
    if (fits) {
      expect(problems).toEqual([]);
      expect(reply.body.processed).toBe(1);
    } else {
      expect(problems).toEqual(['evtName longer than 512 bytes']);
      expect(reply.body.unprocessed[0]).toMatchObject({
        code: 512,
        error: expect.stringMatching(/512 bytes/),
      });
    }
  });
});

test.each([
  [99_999_999_999, true],
  [100_000_000_000, false],
  [1_714_573_800_000, false],
])('ts %i: in seconds below 1e11, milliseconds from it, for both', async (ts, seconds) => {
  const record = event('u1', 'Bought', {}, { ts });
  const reply = await upload(sandbox, [record]);
  if (seconds) {
    expect(recordProblems(record)).toEqual([]);
    expect(reply.body.processed).toBe(1);
  } else {
    expect(recordProblems(record)).toEqual(['ts is in milliseconds']);
    expect(reply.body.unprocessed[0].code).toBe(525);
  }
});

test('a key of 61 two-byte characters (122 bytes) is too long for both', async () => {
  const record = event('u1', 'Bought', { ['é'.repeat(61)]: 1 });
  expect(recordProblems(record)).toEqual([expect.stringMatching(/key longer than 120 bytes/)]);
  expect((await upload(sandbox, [record])).body.unprocessed[0].code).toBe(512);
});

test('a request the checker passes is answered success by the sandbox, over real HTTP', async () => {
  const body = JSON.stringify({ d: DOCUMENTED_OBJECT_IDS.map(([, objectId]) => withObjectId(objectId)) });
  const seen: SeenRequest = {
    method: 'POST',
    url: `${sandbox.regionUrl()}/1/upload`,
    headers: { ...lowerCase(credentials()), 'content-type': 'application/json; charset=utf-8' },
    body,
  };
  expect(uploadProblems(seen, sandbox.url)).toEqual([]);
  const reply = await upload(sandbox, JSON.parse(body).d);
  expect(reply.body.processed).toBe(DOCUMENTED_OBJECT_IDS.length);
  const found = await lookup(sandbox, `objectId=${at(DOCUMENTED_OBJECT_IDS, 2)[1]}`);
  expect(found.body.status).toBe('success');
});

describe('the routes that act on users: the checker passes exactly what the sandbox accepts', () => {
  const UUID = 'a8ffcbc9-a747-4ee3-a791-c5e58ad03097';
  const sub = (type: unknown, value: unknown, status: unknown = 'Unsubscribe') => ({ type, value, status });
  const CASES: Record<keyof typeof ACT_PATHS, [unknown, boolean][]> = {
    delete: [
      [{ identity: 'u1' }, true],
      [{ identity: ['u1', 'u2'] }, true],
      [{ guid: UUID }, true],
      [{ guid: [UUID, '__g42'] }, true],
      [{ identity: Array.from({ length: 100 }, (_, i) => `u${i}`) }, true],
      [{ identity: Array.from({ length: 101 }, (_, i) => `u${i}`) }, false],
      [{ identity: 'u1', guid: UUID }, false],
      [{}, false],
      [{ identity: [] }, false],
      [{ identity: '' }, false],
      [{ identity: [42] }, false],
      [{ guid: null }, false],
    ],
    subscribe: [
      [{ d: [sub('email', 'ada@example.com'), sub('phone', '+447911123456', 'Resubscribe')] }, true],
      [{ d: [sub('phone', '+12345'), sub('phone', '+123456789012345')] }, true],
      [{ d: [sub('phone', '+1234')] }, false],
      [{ d: [sub('phone', '+1234567890123456')] }, false],
      [{ d: [sub('phone', '07911123456')] }, false],
      [{ d: [sub('email', 'ada.example.com')] }, false],
      [{ d: [sub('sms', '+447911123456')] }, false],
      [{ d: [sub('email', 'ada@example.com', 'unsubscribe')] }, false],
      [{ d: [sub('email', 42)] }, false],
      [{ d: ['ada@example.com'] }, false],
      [{ d: Array.from({ length: 1001 }, (_, i) => sub('email', `u${i}@example.com`)) }, false],
    ],
    trigger: [
      [
        { to: { email: ['ada@example.com'] }, campaign_id: '1695721550', ExternalTrigger: { Name: 'Ada' } },
        true,
      ],
      [{ to: { identity: ['u1', 'u2'] }, campaign_id: 1695721550 }, true],
      [
        {
          to: { objectId: [UUID, '-2ce3cca260664f70b82b1c6bb505f462'] },
          campaign_id: '7',
          ExternalTrigger: {},
        },
        true,
      ],
      [{ to: { email: ['ada.example.com'] }, campaign_id: '1' }, false],
      [{ to: { objectId: ['has space'] }, campaign_id: '1' }, false],
      [{ to: { identity: [] }, campaign_id: '1' }, false],
      [{ to: { identity: ['u1'], email: ['a@b.co'] }, campaign_id: '1' }, false],
      [{ to: { phone: ['+447911123456'] }, campaign_id: '1' }, false],
      [{ to: { identity: ['u1'] } }, false],
      [{ to: { identity: ['u1'] }, campaign_id: 'welcome' }, false],
      [{ to: { identity: ['u1'] }, campaign_id: -1 }, false],
      [{ to: { identity: ['u1'] }, campaign_id: '1', ExternalTrigger: { Total: 12 } }, false],
      [{ to: { identity: ['u1'] }, campaign_id: '1', ExternalTrigger: [] }, false],
    ],
  };
  const CHECKERS = { delete: deleteProblems, subscribe: subscribeProblems, trigger: triggerProblems };
  /** The sandbox took the whole request: 200, and every record for subscribe. */
  const accepted = (reply: Reply) =>
    reply.status === 200 && (reply.body.unprocessed === undefined || reply.body.unprocessed.length === 0);

  describe.each(Object.keys(CASES) as (keyof typeof ACT_PATHS)[])('%s', (route) => {
    test.each(
      CASES[route].map(([body, ok]) => [
        ok ? 'passes' : 'refuses',
        JSON.stringify(body).slice(0, 90),
        body,
        ok,
      ]),
    )('both %s %s', async (_verdict, _name, body, ok) => {
      const seen: SeenRequest = {
        method: 'POST',
        url: `${sandbox.regionUrl()}/1/${ACT_PATHS[route]}`,
        headers: { ...lowerCase(credentials()), 'content-type': 'application/json; charset=utf-8' },
        body: JSON.stringify(body),
      };
      const problems = CHECKERS[route](seen, sandbox.url);
      if (ok) expect(problems).toEqual([]);
      else expect(problems).not.toEqual([]);
      expect(accepted(await act(sandbox, route, body))).toBe(ok);
    });
  });

  test('the transport rules apply too: a CleverTap host over HTTPS, the headers, a JSON POST', () => {
    const seen: SeenRequest = {
      method: 'PUT',
      url: 'http://in1.api.clevertap.com/1/subscribe',
      headers: { 'content-type': 'text/plain' },
      body: '{"d":[]}',
    };
    expect(subscribeProblems(seen)).toEqual([
      'sent to http://in1.api.clevertap.com, not a CleverTap host',
      'no X-CleverTap-Account-Id',
      'no X-CleverTap-Passcode',
      'method PUT',
      'Content-Type "text/plain" is not one application/json',
      '0 records',
    ]);
    expect(deleteProblems({ ...seen, url: 'https://in1.api.clevertap.com/1/upload', body: 'x' })).toEqual(
      expect.arrayContaining(['path /1/upload', 'body is not JSON']),
    );
  });
});

function seenLookup(query: string): SeenRequest {
  return {
    method: 'GET',
    url: `https://eu1.api.clevertap.com/1/profile.json?${query}`,
    headers: lowerCase(credentials()),
    body: '',
  };
}

function lowerCase(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
}
