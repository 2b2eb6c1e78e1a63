// POST /<region>/1/subscribe: per-address subscription statuses, answered per record like uploads.
import { Sandbox, startSandbox } from '../../sandbox';
import { act, admin, expectOneRefused } from './helpers';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
});
afterEach(() => sandbox.reset());
afterAll(() => sandbox.close());

const email = (value: string, status = 'Unsubscribe') => ({ type: 'email', value, status });
const phone = (value: string, status = 'Unsubscribe') => ({ type: 'phone', value, status });
const subscribe = (records: unknown[]) => act(sandbox, 'subscribe', { d: records });

test('sets each address status; the answer is a success with every record processed', async () => {
  const reply = await subscribe([email('ada@example.com'), phone('+447911123456', 'Resubscribe')]);
  expect(reply.status).toBe(200);
  expect(reply.body).toEqual({ status: 'success', processed: 2, unprocessed: [] });
  expect(sandbox.store.subscriptions()).toEqual([
    { type: 'email', value: 'ada@example.com', status: 'Unsubscribe', updatedAt: expect.any(String) },
    { type: 'phone', value: '+447911123456', status: 'Resubscribe', updatedAt: expect.any(String) },
  ]);
  expect(Date.parse(sandbox.store.subscriptions()[0]!.updatedAt)).not.toBeNaN();
});

test('a later call changes the status of the same address (emails compared case-insensitively)', async () => {
  await subscribe([email('Ada@Example.com')]);
  await subscribe([email('ada@example.com', 'Resubscribe')]);
  expect(sandbox.store.subscriptions()).toEqual([expect.objectContaining({ status: 'Resubscribe' })]);
  expect(sandbox.store.subscription('email', 'ADA@EXAMPLE.COM')?.status).toBe('Resubscribe');
  expect(sandbox.store.subscription('phone', '+447911123456')).toBeUndefined();
});

test('an email and a phone are different addresses even with the same text', async () => {
  await subscribe([email('a@b.co'), phone('+4479111234')]);
  expect(sandbox.store.subscriptions()).toHaveLength(2);
});

const BAD: [string, unknown, number, RegExp][] = [
  ['a record that is not an object', 'ada@example.com', 512, /^Invalid subscription record\./],
  [
    'a type other than email or phone',
    { type: 'sms', value: '+447911123456', status: 'Unsubscribe' },
    524,
    /type/,
  ],
  ['no type', { value: 'ada@example.com', status: 'Unsubscribe' }, 524, /^Subscription type is invalid\./],
  ['no value', { type: 'email', status: 'Unsubscribe' }, 512, /value must be a non-empty string/],
  ['a blank value', email('  '), 512, /non-empty/],
  ['a number as value', { type: 'phone', value: 447911123456, status: 'Unsubscribe' }, 512, /string/],
  ['an email without @', email('ada.example.com'), 515, /^Email is invalid\./],
  ['an email with a space', email('ada @example.com'), 515, /email/],
  ['a phone without +', phone('07911123456'), 516, /^Phone number is invalid\./],
  ['a phone with spaces', phone('+44 7911 123456'), 516, /5 to 15 digits/],
  ['a phone of 4 digits', phone('+4479'), 516, /Phone/],
  ['a phone of 16 digits', phone('+4479111234567890'), 516, /Phone/],
  ['a status in lower case', email('ada@example.com', 'unsubscribe'), 512, /Unsubscribe, Resubscribe/],
  ['no status', { type: 'email', value: 'ada@example.com' }, 512, /status/],
];

describe.each(BAD)('refuses %s', (_name, record, code, error) => {
  test(`with code ${code} and the record echoed; nothing stored`, async () => {
    expectOneRefused(await subscribe([record]), code, record, expect.stringMatching(error));
    expect(sandbox.store.subscriptions()).toEqual([]);
  });
});

test('phones of 5 and 15 digits are fine', async () => {
  const reply = await subscribe([phone('+12345'), phone('+123456789012345')]);
  expect(reply.body.processed).toBe(2);
});

test('a mixed call is partial: skipped records are numbered from 1, the good ones are stored', async () => {
  const records = [email('a@b.co'), phone('12345'), email('c@d.co'), email('e@f.co', 'Maybe')];
  const reply = await subscribe(records);
  expect(reply.body.status).toBe('partial');
  expect(reply.body.processed).toBe(2);
  expect(reply.body.unprocessed.map((u: { code: number }) => u.code)).toEqual([516, 512]);
  expect(reply.body.unprocessed[0].error).toMatch(/Skipped record number : 2$/);
  expect(reply.body.unprocessed[1].error).toMatch(/Skipped record number : 4$/);
  expect(reply.body.unprocessed[1].record).toEqual(records[3]);
  expect(sandbox.store.subscriptions().map((s) => s.value)).toEqual(['a@b.co', 'c@d.co']);
});

describe('request-level 400s', () => {
  test('1000 records are fine, 1001 are refused and nothing is stored', async () => {
    const records = (n: number) => Array.from({ length: n }, (_, i) => email(`user${i}@example.com`));
    const tooMany = await subscribe(records(1001));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toEqual({
      status: 'fail',
      error: 'Too many records: 1001; at most 1000 are allowed per call',
      code: 400,
    });
    expect(sandbox.store.subscriptions()).toEqual([]);
    expect((await subscribe(records(1000))).body.processed).toBe(1000);
  });

  test.each([
    ['no d', {}],
    ['d not a list', { d: email('a@b.co') }],
    ['a list as the body', [email('a@b.co')]],
  ])('%s', async (_name, body) => {
    const reply = await act(sandbox, 'subscribe', body);
    expect(reply.status).toBe(400);
    expect(reply.body).toMatchObject({ status: 'fail', code: 400, error: expect.stringContaining('"d"') });
  });

  test('an empty d is a success with nothing processed', async () => {
    expect((await subscribe([])).body).toEqual({ status: 'success', processed: 0, unprocessed: [] });
  });
});

test('a recordError fault on subscribe: every record unprocessed with its code, nothing stored', async () => {
  sandbox.faults.recordErrorNext(1, 555, 'subscribe');
  const reply = await subscribe([email('a@b.co'), phone('+4479111234')]);
  expect(reply.body.status).toBe('fail');
  expect(reply.body.unprocessed.map((u: { code: number }) => u.code)).toEqual([555, 555]);
  expect(reply.body.unprocessed[1].error).toMatch(
    /^Server error\. ErrorCode: 555 - .* Skipped record number : 2$/,
  );
  expect(sandbox.store.subscriptions()).toEqual([]);
  expect((await subscribe([email('a@b.co')])).body.status).toBe('success');
});

test('a recordError fault for uploads (the default) leaves subscribe calls alone', async () => {
  sandbox.faults.recordErrorNext();
  expect((await subscribe([email('a@b.co')])).body.status).toBe('success');
  expect(sandbox.faults.list()).toHaveLength(1);
});

test('GET /__sandbox/subscriptions lists every account, and the store snapshot has them', async () => {
  await subscribe([email('a@b.co')]);
  const reply = await admin(sandbox, 'GET', '/__sandbox/subscriptions');
  expect(reply.body).toEqual({
    subscriptions: [
      {
        accountId: 'TEST-ACCOUNT',
        type: 'email',
        value: 'a@b.co',
        status: 'Unsubscribe',
        updatedAt: expect.any(String),
      },
    ],
  });
  expect(sandbox.store.snapshot().accounts['TEST-ACCOUNT']!.subscriptions).toEqual(
    sandbox.store.subscriptions(),
  );
  expect(sandbox.acts('subscribe')).toEqual([
    expect.objectContaining({ route: 'subscribe', body: { d: [email('a@b.co')] }, status: 200 }),
  ]);
});
