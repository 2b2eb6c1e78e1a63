/**
 * The connection test: the exact read-only request, every way CleverTap refuses it, and the wrong-region probe
 * (found, not found, some regions unreachable, bounded in time), against nock and against the sandbox.
 *
 * Time: the probe's budget is read from Date.now(), and its timeouts are node-fetch timers. Tests about time run on
 * jest's fake clock and move it only once every request is in flight, by exact amounts, so what they prove does not
 * depend on how fast the machine runs nock's (real) I/O. Replies that hang are cut off after each test.
 */
import nock from 'nock';
import zapier from 'zapier-platform-core';
import authentication, { CONNECTION_CHECK_IDENTITY } from '../src/authentication';
import { credentialsMessage } from '../src/zapier/words';
import { MESSAGE_LIMIT } from '../src/wording';
import { REGIONS, Region, REGION_VALUES } from '../src/clevertap/regions';
import { PROBE_BUDGET_MS, PROBE_MIN_TIMEOUT_MS, PROBE_TIMEOUT_MS } from '../src/clevertap/region-probe';
import { startSandbox, Sandbox } from '../sandbox';
import { appTester, authData, failureOf, PASSCODE } from './helpers';

const BASE_URL_VARIABLE = 'CLEVERTAP_API_BASE_URL';
const hostOf = (region: Region) => `https://${REGIONS[region].host}`;

interface Seen {
  region: Region;
  method: string;
  path: string;
  headers: Record<string, unknown>;
  body: string;
}

/** [status, body, headers, ms the (fake) clock moves on before answering], or a reply that never comes. */
type Answer = [number, unknown?, Record<string, string>?, number?] | 'hang';

/** Longer than any test runs: a reply this late never comes (nock's own timer, cut off after each test). */
const NEVER_MS = 600_000;

interface Regions {
  /** Every request, in the order nock received it. */
  seen: Seen[];
  /**
   * Resolves once all six regions have been asked and every answer but the hanging ones has been delivered and
   * handled: from then on only the probe's timeouts (on the fake clock) can move the connection test on.
   */
  quiet(): Promise<void>;
}

/** Turns of the event loop, for in-process steps (nock's, node-fetch's, core's) to run without the clock moving. */
async function turns(count: number, until: () => boolean = () => false): Promise<void> {
  for (let turn = 0; turn < count && !until(); turn++) await new Promise((resolve) => setImmediate(resolve));
}

/** Every region answers as told (default: 401), and every request is recorded. */
function regions(answers: Partial<Record<Region, Answer>>): Regions {
  const seen: Seen[] = [];
  let delivered = 0;
  const waiting: (() => void)[] = [];
  const hangs = (region: Region) => answers[region] === 'hang';
  const wake = () => {
    if (seen.length >= 6 && delivered >= seen.filter((s) => !hangs(s.region)).length)
      waiting.splice(0).forEach((resolve) => resolve());
  };
  for (const region of REGION_VALUES) {
    const answer = answers[region] ?? [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }];
    const reply = function (
      this: { req: { headers: Record<string, unknown>; method: string; path: string } },
      _uri: string,
      body: unknown,
    ): [number, string | object, Record<string, string>?] {
      seen.push({
        region,
        method: this.req.method,
        path: this.req.path,
        headers: this.req.headers,
        body: typeof body === 'string' ? body : JSON.stringify(body ?? ''),
      });
      wake();
      if (answer === 'hang') return [200, { status: 'success' }];
      const [status, answerBody, headers, slow] = answer;
      if (slow) jest.setSystemTime(Date.now() + slow);
      return [status, answerBody ?? '', headers];
    };
    for (const method of ['GET', 'POST'])
      nock(hostOf(region))
        .persist()
        .intercept(/.*/, method)
        .delay(answer === 'hang' ? NEVER_MS : 0)
        .reply(reply)
        .on('replied', () => {
          delivered++;
          wake();
        });
  }
  // nock delivers even an immediate answer on a real timer: it must have arrived before the fake clock moves, or the
  // probe's timeout would beat it. After delivery, only in-process steps are left: a few turns of the loop.
  const quiet = async () => {
    await new Promise<void>((resolve) => {
      waiting.push(resolve);
      wake();
    });
    await turns(20);
  };
  return { seen, quiet };
}

const runTest = (auth: Record<string, string> = authData) =>
  appTester(authentication.test, { authData: auth });
/** Fake timers for everything but the queues nock's in-process I/O runs on. */
const useFakeClock = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });

/**
 * Whether `promise` settles while the fake clock stands still and 200 turns of the event loop pass: far more than the
 * in-process steps of an answer take, so "no" means that only a timer can still settle it.
 */
async function settlesWithoutTime(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  const mark = () => (settled = true);
  promise.then(mark, mark);
  await turns(200, () => settled);
  return settled;
}

/**
 * Moves the fake clock on by `ms` in two steps: the connection test is still pending 1 ms before, and ends at `ms`
 * exactly. Returns its failure.
 */
async function endsAfter(pending: Promise<Error>, ms: number): Promise<Error> {
  await jest.advanceTimersByTimeAsync(ms - 1);
  expect(await settlesWithoutTime(pending)).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  expect(await settlesWithoutTime(pending)).toBe(true);
  return pending;
}

/**
 * Starts the connection test and returns its (pending) failure once every region has been asked and all but the
 * hanging ones have answered (see `quiet`), before the fake clock moves. In an object: an async function would wait
 * for a returned promise itself.
 */
async function probing(
  auth: Record<string, string>,
  { quiet }: Regions,
): Promise<{ pending: Promise<Error> }> {
  const pending = failureOf(runTest(auth));
  await Promise.race([
    quiet(),
    pending.then((error) => {
      throw new Error(`the connection test ended before every region was asked: ${error.message}`);
    }),
  ]);
  return { pending };
}

/**
 * The middleware's own message for a refused connection in eu1 (src/clevertap/answers.ts keeps it within 250
 * characters): the connection test's message, nothing added, when the probe tells nothing.
 */
const REFUSED = credentialsMessage('eu1');
const ALL_REFUSED =
  'Wrong Account ID or Passcode: CleverTap refused them in Europe (eu1) and in every other region. ' +
  'Copy both again from Settings > Project in your CleverTap dashboard, then reconnect your CleverTap account.';
const foundMessage = (there: string, here: string) =>
  `Wrong region: these credentials belong to ${there}, not ${here}. ` +
  `Reconnect your CleverTap account and pick ${there} as the Region.`;

/** The connection test's refusal with exactly `message`, which Zapier shows whole (250 characters at most). */
function expectRefusal(error: Error, message: string): void {
  expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
  expect(error.message).toBe(message);
  expect(error.message.length).toBeLessThanOrEqual(MESSAGE_LIMIT);
}

afterEach(() => {
  // Replies still delayed by nock would keep jest running after the tests.
  nock.abortPendingRequests();
  delete process.env[BASE_URL_VARIABLE];
  jest.useRealTimers();
});

describe('a good connection', () => {
  it('sends exactly one read-only lookup with both headers and returns what the label shows', async () => {
    const { seen } = regions({ eu1: [200, { status: 'fail', error: 'User not found', code: 404 }] });
    const info = await runTest();
    expect(info).toEqual({ accountId: 'TEST-ACC-123', region: 'eu1', regionName: 'Europe (eu1)' });
    expect(seen).toHaveLength(1);
    const request = seen[0]!;
    expect(request).toMatchObject({
      region: 'eu1',
      method: 'GET',
      path: `/1/profile.json?identity=${CONNECTION_CHECK_IDENTITY}`,
      body: '',
    });
    expect(request.headers['x-clevertap-account-id']).toBe('TEST-ACC-123');
    expect(request.headers['x-clevertap-passcode']).toBe(PASSCODE);
    expect(request.headers['content-type']).toBeUndefined();
  });

  it.each(REGION_VALUES)('asks the %s host for a connection in that region', async (region) => {
    const { seen } = regions({ [region]: [200, { status: 'success' }] });
    const info = await runTest({ ...authData, region });
    expect(info).toMatchObject({ region });
    expect(seen.map((s) => s.region)).toEqual([region]);
  });

  it('the label shows the Account ID and the region, never the passcode', async () => {
    regions({ eu1: [200, { status: 'success' }] });
    const info = await runTest();
    expect(authentication.connectionLabel).not.toMatch(/passcode/i);
    const label = authentication.connectionLabel.replace(
      /\{\{bundle\.inputData\.(\w+)\}\}/g,
      (_, key: string) => String((info as Record<string, unknown>)[key]),
    );
    expect(label).toBe('TEST-ACC-123 (Europe (eu1))');
    expect(JSON.stringify(info)).not.toContain(PASSCODE);
  });
});

describe('a refused connection: every 401 and 403, with no other region accepting', () => {
  const refusals: [string, Answer][] = [
    ['401 Invalid Credentials', [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }]],
    ['401 Account ID is not valid', [401, { status: 'fail', error: 'Account ID is not valid', code: 401 }]],
    ['401 without a body', [401]],
    [
      '401 with an HTML page',
      [401, '<html><body>Unauthorized</body></html>', { 'content-type': 'text/html' }],
    ],
    ['403 not allowed', [403, { status: 'fail', error: 'Forbidden', code: 403 }]],
  ];

  it.each(refusals)(
    '%s: ExpiredAuthError, then the other five regions rule themselves out',
    async (_name, answer) => {
      const { seen } = regions({ eu1: answer });
      const error = await failureOf(runTest());
      expectRefusal(error, ALL_REFUSED);
      expect(error.message).not.toContain(PASSCODE);
      expect(seen.map((s) => s.region).sort()).toEqual([...REGION_VALUES].sort());
      for (const request of seen) {
        expect(request).toMatchObject({
          method: 'GET',
          path: `/1/profile.json?identity=${CONNECTION_CHECK_IDENTITY}`,
        });
        expect(request.headers['x-clevertap-passcode']).toBe(PASSCODE);
      }
    },
  );
});

describe('the wrong region, told apart', () => {
  it('found: the message starts with the region the credentials belong to', async () => {
    const { seen } = regions({ in1: [200, { status: 'fail', error: 'User not found', code: 404 }] });
    const error = await failureOf(runTest());
    expectRefusal(error, foundMessage('India (in1)', 'Europe (eu1)'));
    // Read-only: the same lookup everywhere, nothing uploaded.
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((s) => `${s.method} ${s.path}`))).toEqual(
      new Set([`GET /1/profile.json?identity=${CONNECTION_CHECK_IDENTITY}`]),
    );
  });

  it('found from another starting region, with the longest region names (us1 -> mec1)', async () => {
    regions({ mec1: [200, { status: 'success' }] });
    const error = await failureOf(runTest({ ...authData, region: 'us1' }));
    expectRefusal(error, foundMessage('Middle East (UAE) (mec1)', 'United States (us1)'));
  });

  it('some regions unreachable (timeout, 503, throttled): which refused, which could not be checked', async () => {
    useFakeClock();
    const probe = regions({
      sg1: 'hang',
      us1: [503, { status: 'fail', error: 'Service unavailable', code: 503 }],
      aps3: [429, { status: 'fail', error: 'Too many concurrent requests', code: 429 }],
    });
    const { pending } = await probing(authData, probe);
    // sg1 hangs: nothing but its timeout can end the test, and it takes the probe's full 4 s.
    const error = await endsAfter(pending, PROBE_TIMEOUT_MS);
    expectRefusal(
      error,
      'CleverTap refused these credentials in eu1, in1 and mec1; sg1, us1 and aps3 did not answer in time. ' +
        'If your dashboard address starts with sg1, us1 or aps3, reconnect and pick that Region; ' +
        'if not, check the Account ID and Passcode.',
    );
    expect(probe.seen).toHaveLength(6); // sg1 was asked, and never answered
  });

  it('all other regions unreachable: the probe learnt nothing, so the refusal stands as it was', async () => {
    const down: Answer = [502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }];
    const { seen } = regions({ in1: down, sg1: down, us1: down, aps3: down, mec1: down });
    const error = await failureOf(runTest());
    expectRefusal(error, REFUSED);
    expect(seen).toHaveLength(6); // every other region was asked
  });

  it("the probes run in parallel, each with a short timeout, all inside Zapier's 30 seconds", async () => {
    useFakeClock();
    // The first call takes 22 s before it is refused, then every other region hangs.
    const probe = regions({
      eu1: [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }, {}, 22_000],
      in1: 'hang',
      sg1: 'hang',
      us1: 'hang',
      aps3: 'hang',
      mec1: 'hang',
    });
    const started = Date.now();
    const { pending } = await probing(authData, probe);
    expect(Date.now() - started).toBe(22_000); // all five asked at once, right after the refusal
    // One shortened timeout (25 s budget - 22 s = 3 s) for all five together: not five in a row, not the full 4 s.
    const left = PROBE_BUDGET_MS - 22_000;
    const error = await endsAfter(pending, left);
    expect(Date.now() - started).toBe(PROBE_BUDGET_MS);
    // No other region answered in time: the refusal stands.
    expect(error.message).toBe(REFUSED);
    expect(probe.seen).toHaveLength(6);
  });

  it('a probe with the least timeout worth giving when the first call left just that much', async () => {
    useFakeClock();
    const probe = regions({
      eu1: [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }, {}, PROBE_BUDGET_MS - 1_000],
      sg1: 'hang',
    });
    const { pending } = await probing(authData, probe);
    const error = await endsAfter(pending, PROBE_MIN_TIMEOUT_MS);
    expect(error.message).toMatch(/^CleverTap refused these credentials in eu1, in1, us1, aps3 and mec1;/);
  });

  it('no probe when the first call left too little of the budget: the refusal as the middleware wrote it', async () => {
    useFakeClock();
    const { seen } = regions({
      eu1: [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }, {}, PROBE_BUDGET_MS - 999],
    });
    const error = await failureOf(runTest());
    expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
    expect(error.message).toBe(REFUSED);
    expect(error.message.length).toBeLessThanOrEqual(250);
    expect(seen).toHaveLength(1);
  });

  it('no probe after a failure that is not a refusal (503)', async () => {
    const { seen } = regions({ eu1: [503, { status: 'fail', error: 'Service unavailable', code: 503 }] });
    const error = await failureOf(runTest());
    expect(error.name).toBe('AppError');
    expect(seen).toHaveLength(1);
  });
});

describe('the wrong region against the sandbox (each region a path prefix)', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({
      accounts: [{ id: 'PROBE-ACCOUNT', passcode: 'probe-passcode-SECRET-31', region: 'in1' }],
    });
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  const auth = { accountId: 'PROBE-ACCOUNT', passcode: 'probe-passcode-SECRET-31', region: 'eu1' };

  it('found: the account lives in in1', async () => {
    process.env[BASE_URL_VARIABLE] = sandbox.baseUrl;
    const error = await failureOf(runTest(auth));
    expectRefusal(error, foundMessage('India (in1)', 'Europe (eu1)'));
    expect(
      sandbox
        .lookups()
        .map((l) => [l.region, l.status])
        .sort(),
    ).toEqual([
      ['aps3', 401],
      ['eu1', 401],
      ['in1', 200],
      ['mec1', 401],
      ['sg1', 401],
      ['us1', 401],
    ]);
    expect(sandbox.received()).toEqual([]); // read-only
  });

  it('not found: a wrong passcode is refused everywhere', async () => {
    process.env[BASE_URL_VARIABLE] = sandbox.baseUrl;
    const error = await failureOf(runTest({ ...auth, passcode: 'wrong-passcode-123' }));
    expectRefusal(error, ALL_REFUSED);
    expect(sandbox.lookups()).toHaveLength(6);
  });

  it('no probe when the override sends every region to one URL (regions cannot be told apart)', async () => {
    process.env[BASE_URL_VARIABLE] = sandbox.regionUrl('eu1');
    const error = await failureOf(runTest(auth));
    expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
    expect(error.message).toBe(REFUSED);
    expect(error.message.length).toBeLessThanOrEqual(250);
    expect(sandbox.lookups()).toHaveLength(1);
  });
});
