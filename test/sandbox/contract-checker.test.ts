// The independent contract checker (test/contract-checker.ts) and the sandbox read the contract the same way where
// both apply a rule: object ID shapes and lengths in UTF-8 bytes. Each case is checked by both.
import { Sandbox, startSandbox } from '../../sandbox';
import { SeenRequest, lookupProblems, recordProblems, uploadProblems } from '../contract-checker';
import { credentials, event, lookup, upload } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const withObjectId = (objectId: string) => ({ type: 'event', objectId, evtName: 'Bought', evtData: {} });

const DOCUMENTED_OBJECT_IDS = [
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
  const found = await lookup(sandbox, `objectId=${DOCUMENTED_OBJECT_IDS[2]![1]}`);
  expect(found.body.status).toBe('success');
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
