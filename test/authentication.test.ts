/**
 * The connection test: the exact read-only request, every way CleverTap refuses it, and the wrong-region probe
 * (found, not found, some regions unreachable, bounded in time), against nock and against the sandbox.
 */
import nock from 'nock';
import zapier from 'zapier-platform-core';
import authentication, { CONNECTION_CHECK_IDENTITY } from '../src/authentication';
import { REGIONS, Region, REGION_VALUES } from '../src/clevertap/regions';
import {
  PROBE_BUDGET_MS,
  PROBE_TIMEOUT_MS,
  probeAdvice,
  probeTargets,
  probeTimeout,
  readProbe,
} from '../src/clevertap/region-probe';
import { startSandbox, Sandbox } from '../sandbox';
import { appTester, authData, PASSCODE } from './helpers';

const BASE_URL_VARIABLE = 'CLEVERTAP_API_BASE_URL';
const hostOf = (region: Region) => `https://${REGIONS[region].host}`;

interface Seen {
  region: Region;
  method: string;
  path: string;
  headers: Record<string, unknown>;
  body: string;
}

/** [status, body, headers, ms the (fake) clock moves on before answering], or a reply that hangs for `delay` ms. */
type Answer = [number, unknown?, Record<string, string>?, number?] | { delay: number; status?: number };

/** Every region answers as told (default: 401), and every request is recorded. */
function regions(answers: Partial<Record<Region, Answer>>): Seen[] {
  const seen: Seen[] = [];
  for (const region of REGION_VALUES) {
    const answer = answers[region] ?? [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }];
    const record = function (
      this: { req: { headers: Record<string, unknown>; method: string; path: string } },
      _uri: string,
      body: unknown,
    ) {
      seen.push({
        region,
        method: this.req.method,
        path: this.req.path,
        headers: this.req.headers,
        body: typeof body === 'string' ? body : JSON.stringify(body ?? ''),
      });
    };
    const reply = function (
      this: Parameters<typeof record>[0] extends never ? never : ThisParameterType<typeof record>,
      uri: string,
      requestBody: unknown,
    ) {
      record.call(this, uri, requestBody);
      if (Array.isArray(answer)) {
        const [status, body, headers, slow] = answer;
        if (slow) jest.setSystemTime(Date.now() + slow);
        return [status, body === undefined ? '' : body, headers] as [
          number,
          string | object,
          Record<string, string>?,
        ];
      }
      return [answer.status ?? 200, { status: 'success' }] as [number, object];
    };
    const delay = Array.isArray(answer) ? 0 : answer.delay;
    for (const method of ['get', 'post'] as const)
      nock(hostOf(region)).persist()[method](/.*/).delay(delay).reply(reply);
  }
  return seen;
}

const runTest = (auth: Record<string, string> = authData) =>
  appTester(authentication.test, { authData: auth });
const failureOf = (run: Promise<unknown>) =>
  run.then(
    (result) => {
      throw new Error(`expected the connection test to fail, but it returned ${JSON.stringify(result)}`);
    },
    (error: unknown) => error as Error,
  );

/**
 * Runs fake time forward in small steps, letting nock's in-process I/O (setImmediate, not faked) happen between
 * steps, until the promise settles; returns how much fake time that took.
 */
async function fakeTimeUntilSettled(promise: Promise<unknown>, maxMs = 60_000, stepMs = 50): Promise<number> {
  let settled = false;
  void promise.finally(() => (settled = true));
  let elapsed = 0;
  while (!settled && elapsed < maxMs) {
    await new Promise((resolve) => setImmediate(resolve));
    await jest.advanceTimersByTimeAsync(stepMs);
    elapsed += stepMs;
  }
  return elapsed;
}

const REFUSED = /^CleverTap did not accept the Account ID and Passcode for the Europe \(eu1\) region\. /;

afterEach(() => {
  delete process.env[BASE_URL_VARIABLE];
  jest.useRealTimers();
});

describe('a good connection', () => {
  it('sends exactly one read-only lookup with both headers and returns what the label shows', async () => {
    const seen = regions({ eu1: [200, { status: 'fail', error: 'User not found', code: 404 }] });
    const info = await runTest();
    expect(info).toEqual({ accountId: 'TEST-ACC-123', region: 'eu1', regionName: 'Europe (eu1)' });
    expect(seen).toHaveLength(1);
    const [request] = seen;
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
    const seen = regions({ [region]: [200, { status: 'success' }] });
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
      const seen = regions({ eu1: answer });
      const error = await failureOf(runTest());
      expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
      expect(error.message).toMatch(REFUSED);
      expect(error.message).toMatch(
        / No other CleverTap region accepts them either, so the Account ID or the Passcode is wrong\.$/,
      );
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
  it('found: names the region the credentials belong to', async () => {
    const seen = regions({ in1: [200, { status: 'fail', error: 'User not found', code: 404 }] });
    const error = await failureOf(runTest());
    expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
    expect(error.message).toMatch(REFUSED);
    expect(error.message).toMatch(
      / These credentials belong to India \(in1\): reconnect with that region\.$/,
    );
    // Read-only: the same lookup everywhere, nothing uploaded.
    expect(seen).toHaveLength(6);
    expect(new Set(seen.map((s) => `${s.method} ${s.path}`))).toEqual(
      new Set([`GET /1/profile.json?identity=${CONNECTION_CHECK_IDENTITY}`]),
    );
  });

  it('found from another starting region (us1 -> mec1)', async () => {
    regions({ mec1: [200, { status: 'success' }] });
    const error = await failureOf(runTest({ ...authData, region: 'us1' }));
    expect(error.message).toMatch(/for the United States \(us1\) region\./);
    expect(error.message).toMatch(/These credentials belong to Middle East \(UAE\) \(mec1\): reconnect/);
  });

  it('some regions unreachable (timeout, 503, throttled): says which could not be checked', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const seen = regions({
      sg1: { delay: 60_000 },
      us1: [503, { status: 'fail', error: 'Service unavailable', code: 503 }],
      aps3: [429, { status: 'fail', error: 'Too many concurrent requests', code: 429 }],
    });
    const pending = failureOf(runTest());
    const took = await fakeTimeUntilSettled(pending);
    expect(took).toBeGreaterThanOrEqual(PROBE_TIMEOUT_MS);
    // In parallel: one timeout, not five in a row (the margin absorbs a loaded machine's slower I/O steps).
    expect(took).toBeLessThan(2 * PROBE_TIMEOUT_MS);
    const error = await pending;
    expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
    expect(error.message).toMatch(REFUSED);
    expect(error.message).toContain(
      'They may belong to another region: India (in1), Middle East (UAE) (mec1) refused them too; ' +
        'Singapore (sg1), United States (us1), Indonesia (aps3) did not answer in time to tell.',
    );
    expect(seen).toHaveLength(6); // sg1 was asked, and never answered
  });

  it('all other regions unreachable: still the refusal, with the regions left unchecked', async () => {
    const down: Answer = [502, '<html>Bad Gateway</html>', { 'content-type': 'text/html' }];
    regions({ in1: down, sg1: down, us1: down, aps3: down, mec1: down });
    const error = await failureOf(runTest());
    expect(error.message).toMatch(REFUSED);
    expect(error.message).toMatch(/did not answer in time to tell\. If your dashboard address starts with/);
  });

  it("the probes run in parallel, each with a short timeout, all inside Zapier's 30 seconds", async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    // The first call takes 22 s before it is refused, then every other region hangs.
    const seen = regions({
      eu1: [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }, {}, 22_000],
      in1: { delay: 60_000 },
      sg1: { delay: 60_000 },
      us1: { delay: 60_000 },
      aps3: { delay: 60_000 },
      mec1: { delay: 60_000 },
    });
    const started = Date.now();
    const pending = failureOf(runTest());
    // Small steps: fake time moves on while nock's real I/O is pending, and a loaded machine must not eat the 3 s
    // the first call leaves (with 50 ms steps, ~40 waits for I/O were enough to skip the probe altogether).
    const took = await fakeTimeUntilSettled(pending, 60_000, 5);
    // One shortened timeout (25 s budget - 22 s = 3 s) for all five at once, not five in a row.
    expect(took).toBeGreaterThanOrEqual(PROBE_BUDGET_MS - 22_000);
    expect(took).toBeLessThan(2 * (PROBE_BUDGET_MS - 22_000));
    expect(Date.now() - started).toBeLessThan(30_000); // inside Zapier's limit, first call included
    const error = await pending;
    expect(error.message).toMatch(REFUSED);
    expect(error.message).toMatch(/India \(in1\), Singapore \(sg1\).* did not answer in time to tell/);
    expect(seen).toHaveLength(6);
  });

  it('no probe when the first call left too little of the budget', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const seen = regions({
      eu1: [401, { status: 'fail', error: 'Invalid Credentials', code: 401 }, {}, 24_500],
    });
    const error = await failureOf(runTest());
    expect(error.message).toMatch(REFUSED);
    expect(error.message).not.toMatch(/region accepts|belong/);
    expect(seen).toHaveLength(1);
  });

  it('no probe after a failure that is not a refusal (503)', async () => {
    const seen = regions({ eu1: [503, { status: 'fail', error: 'Service unavailable', code: 503 }] });
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
    expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
    expect(error.message).toMatch(/These credentials belong to India \(in1\): reconnect with that region\.$/);
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
    expect(error.message).toMatch(/No other CleverTap region accepts them either/);
    expect(sandbox.lookups()).toHaveLength(6);
  });

  it('no probe when the override sends every region to one URL (regions cannot be told apart)', async () => {
    process.env[BASE_URL_VARIABLE] = sandbox.regionUrl('eu1');
    const error = await failureOf(runTest(auth));
    expect(error).toBeInstanceOf(zapier.errors.ExpiredAuthError);
    expect(error.message).toMatch(REFUSED);
    expect(error.message).not.toMatch(/belong|other CleverTap region/);
    expect(sandbox.lookups()).toHaveLength(1);
  });
});

describe('the probe, pure', () => {
  it('asks the five other regions, at their own hosts', () => {
    expect(probeTargets('eu1')).toEqual([
      { region: 'in1', baseUrl: 'https://in1.api.clevertap.com' },
      { region: 'sg1', baseUrl: 'https://sg1.api.clevertap.com' },
      { region: 'us1', baseUrl: 'https://us1.api.clevertap.com' },
      { region: 'aps3', baseUrl: 'https://aps3.api.clevertap.com' },
      { region: 'mec1', baseUrl: 'https://mec1.api.clevertap.com' },
    ]);
    expect(probeTargets('in1').map((t) => t.region)).toEqual(['eu1', 'sg1', 'us1', 'aps3', 'mec1']);
  });

  it('with a test server: per-region URLs are probed, one shared URL (or an invalid one) is not', () => {
    expect(probeTargets('eu1', 'http://127.0.0.1:4010/{region}')[0]).toEqual({
      region: 'in1',
      baseUrl: 'http://127.0.0.1:4010/in1',
    });
    expect(probeTargets('eu1', 'http://127.0.0.1:4010/')).toEqual([]);
    expect(probeTargets('eu1', 'ftp://x/{region}')).toEqual([]);
  });

  it('the timeout fits the budget left, and there is none when too little is left', () => {
    expect(probeTimeout(0)).toBe(PROBE_TIMEOUT_MS);
    expect(probeTimeout(20_000)).toBe(PROBE_TIMEOUT_MS);
    expect(probeTimeout(PROBE_BUDGET_MS - 1_500)).toBe(1_500);
    expect(probeTimeout(PROBE_BUDGET_MS - 999)).toBeUndefined();
    expect(20_000 + PROBE_TIMEOUT_MS).toBeLessThan(30_000);
  });

  it('reads the answers', () => {
    expect(
      readProbe([
        { region: 'sg1', outcome: 'refused' },
        { region: 'us1', outcome: 'accepted' },
      ]),
    ).toEqual({
      kind: 'found',
      region: 'us1',
    });
    expect(
      readProbe([
        { region: 'mec1', outcome: 'unknown' },
        { region: 'in1', outcome: 'refused' },
      ]),
    ).toEqual({
      kind: 'not_found',
      refused: ['in1'],
      unknown: ['mec1'],
    });
    expect(probeAdvice({ kind: 'not_found', refused: [], unknown: [] })).toBe('');
    expect(probeAdvice({ kind: 'not_found', refused: [], unknown: ['sg1'] })).toBe(
      'They may belong to another region: Singapore (sg1) did not answer in time to tell. If your dashboard address ' +
        'starts with one of those, reconnect with that region.',
    );
  });
});
