/**
 * The CleverTap API as the actions call it (src/zapier/http.ts): where a request goes (the region's host, or the
 * developer's override), the JSON body core would refuse, a timeout inside Zapier's step limit and what a lost
 * connection means for the data, and what a lookup's answers mean. Through the real actions, CleverTap mocked by nock.
 */
import nock from 'nock';
import answers from '../fixtures/clevertap-answers.json';
import { BASE_URL_VARIABLE, regionOf } from '../../src/zapier/base-url';
import { jsonText } from '../../src/zapier/http';
import { REQUEST_TIMEOUT_MS } from '../../src/zapier/limits';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { perform as findProfile } from '../../src/searches/find_profile';
import { appTester, authData, EU_HOST, messageOf, PASSCODE } from '../helpers';

const runProfile = (inputData: Record<string, unknown>) => appTester(upsertProfile, { authData, inputData });
const runEvent = (inputData: Record<string, unknown>) => appTester(uploadEvent, { authData, inputData });
const runLookup = (inputData: Record<string, unknown>) => appTester(findProfile, { authData, inputData });

/** A lookup interceptor that refuses any Content-Type header and needs the credentials. */
const lookup = (host = EU_HOST) =>
  nock(host, {
    reqheaders: { 'x-clevertap-account-id': authData.accountId, 'x-clevertap-passcode': PASSCODE },
    badheaders: ['content-type'],
  }).get('/1/profile.json');

/** The Zapier error's parsed JSON (message, code, status). */
const appErrorOf = (error: unknown) => {
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('AppError');
  return JSON.parse((error as Error).message) as { message: string; code: string; status: number };
};

describe('regionOf', () => {
  it("is the connection's region when CleverTap has it, else undefined", () => {
    expect(regionOf({ authData: { region: 'in1' } })).toBe('in1');
    expect(regionOf({ authData: { region: 'xx1' } })).toBeUndefined();
    expect(regionOf({ authData: { region: 'toString' } })).toBeUndefined();
    expect(regionOf({ authData: {} })).toBeUndefined();
  });
});

describe('where requests go (baseUrlFor)', () => {
  const saved = process.env[BASE_URL_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[BASE_URL_VARIABLE];
    else process.env[BASE_URL_VARIABLE] = saved;
  });

  it.each([
    ['in1', 'https://in1.api.clevertap.com'],
    ['us1', 'https://us1.api.clevertap.com'],
    ['mec1', 'https://mec1.api.clevertap.com'],
  ])('posts to the %s region host', async (region, host) => {
    const scope = nock(host).post('/1/upload').reply(200, answers.success);
    await appTester(upsertProfile, { authData: { ...authData, region }, inputData: { identity: 'u1' } });
    expect(scope.isDone()).toBe(true);
  });

  it('refuses a region CleverTap does not have, naming it and the regions, without sending anything', async () => {
    const scope = nock(EU_HOST).post('/1/upload').reply(200, answers.success);
    const error = await appTester(upsertProfile, {
      authData: { ...authData, region: 'xx1' },
      inputData: { identity: 'u1' },
    }).catch((e: unknown) => e);
    expect(appErrorOf(error)).toEqual({
      message:
        'The connection\'s Region "xx1" is not one CleverTap has (eu1, in1, sg1, us1, aps3, mec1). Reconnect your ' +
        'CleverTap account and pick its region.',
      code: 'invalid_region',
      status: 400,
    });
    expect(scope.isDone()).toBe(false);
  });

  it("sends every region to the developer's server when the override is set, {region} replaced", async () => {
    process.env[BASE_URL_VARIABLE] = 'http://127.0.0.1:4010/{region}/';
    const scope = nock('http://127.0.0.1:4010', { reqheaders: { 'x-clevertap-passcode': PASSCODE } })
      .post('/in1/1/upload')
      .reply(200, answers.success);
    await appTester(upsertProfile, {
      authData: { ...authData, region: 'in1' },
      inputData: { identity: 'u1' },
    });
    expect(scope.isDone()).toBe(true);
  });

  it.each(['ftp://127.0.0.1:4010', 'not a url', 'http://user:secret@127.0.0.1:4010'])(
    'refuses an override that is not a plain http(s) address (%p), without sending anything',
    async (override) => {
      process.env[BASE_URL_VARIABLE] = override;
      const scope = nock(EU_HOST).post('/1/upload').reply(200, answers.success);
      const error = await runProfile({ identity: 'u1' }).catch((e: unknown) => e);
      expect(appErrorOf(error)).toEqual({
        message:
          'CLEVERTAP_API_BASE_URL is set to something that is not an http(s) address; fix or remove it.',
        code: 'invalid_base_url',
        status: 500,
      });
      expect(scope.isDone()).toBe(false);
    },
  );
});

describe('jsonText', () => {
  it('writes {{ inside JSON strings as {\\u007b, which CleverTap reads back as the same text', () => {
    const value = { d: [{ Note: 'Dear {{bundle.inputData.name}}, {{{x}}}', Plain: 'no braces' }] };
    const text = jsonText(value);
    expect(text).not.toContain('{{');
    expect(text).toContain('"Note":"Dear {\\u007bbundle.inputData.name}}, {\\u007b{x}}}"');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('is JSON.stringify for anything without {{', () => {
    const value = { d: [{ type: 'event', evtData: { Amount: 1.5, Tags: ['{a}', '}}'] } }] };
    expect(jsonText(value)).toBe(JSON.stringify(value));
  });

  it('is the body an upload sends: no {{ on the wire, the same text once CleverTap decodes it', async () => {
    let decoded: unknown;
    // A regular expression is matched against the body's raw text: {\u007b, and no {{ anywhere.
    const scope = nock(EU_HOST)
      .post('/1/upload', /^(?![\s\S]*\{\{)[\s\S]*"Name":"\{\\u007bbundle\.authData\.passcode\}\}"/)
      .reply((_uri, body) => {
        decoded = body;
        return [200, answers.success];
      });
    await runProfile({ identity: 'u1', name: '{{bundle.authData.passcode}}' });
    expect(scope.isDone()).toBe(true);
    expect(decoded).toEqual({
      d: [{ type: 'profile', identity: 'u1', profileData: { Name: '{{bundle.authData.passcode}}' } }],
    });
  });
});

describe('a request without an answer (request)', () => {
  /** Runs the step against a CleverTap that never answers, and returns its error once our own timeout fired. */
  async function timedOut(host: string, path: string, run: () => Promise<unknown>): Promise<unknown> {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      nock(host).post(path).delay(60_000).reply(200, answers.success);
      nock(host).get(path).query(true).delay(60_000).reply(200, { status: 'success', record: {} });
      const pending = run().catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS + 1);
      return await pending;
    } finally {
      nock.abortPendingRequests();
      jest.useRealTimers();
    }
  }

  it('a timeout says the event may have been stored and replaying may duplicate it', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      nock(EU_HOST).post('/1/upload').delay(60_000).reply(200, answers.success);
      const pending = runEvent({ identity: '51', evtName: 'Deal Won' }).catch((e: unknown) => e);
      await jest.advanceTimersByTimeAsync(20_001);
      const error = await pending;
      expect(messageOf(error)).toBe(
        'CleverTap did not answer within 20 seconds. The data may or may not have been saved: check CleverTap ' +
          'before replaying this step, because an event sent twice is stored twice.',
      );
    } finally {
      nock.abortPendingRequests();
      jest.useRealTimers();
    }
  });

  it('a timeout of a profile upload: network_error (HTTP 503), and replaying is safe', async () => {
    const error = await timedOut(EU_HOST, '/1/upload', () => runProfile({ identity: 'u1' }));
    expect(appErrorOf(error)).toEqual({
      message:
        'CleverTap did not answer within 20 seconds. Nothing is known to be saved; it is safe to replay this step.',
      code: 'network_error',
      status: 503,
    });
  });

  it('a timeout of an event upload is a network_error too', async () => {
    const error = await timedOut(EU_HOST, '/1/upload', () =>
      runEvent({ identity: 'u1', evtName: 'Deal Won' }),
    );
    expect(appErrorOf(error)).toMatchObject({ code: 'network_error', status: 503 });
  });

  it('a timeout of a lookup: safe to replay, a lookup stores nothing', async () => {
    const error = await timedOut(EU_HOST, '/1/profile.json', () => runLookup({ identity: 'u1' }));
    expect(appErrorOf(error)).toMatchObject({
      message: expect.stringMatching(
        /^CleverTap did not answer within 20 seconds\. Nothing is known to be saved/,
      ),
      code: 'network_error',
    });
  });
});

describe('upload', () => {
  it('a 200 whose body is not JSON', async () => {
    nock(EU_HOST).post('/1/upload').reply(200, '<html>gateway</html>', { 'Content-Type': 'text/html' });
    const error = await runProfile({ identity: 'u1' }).catch((e: unknown) => e);
    expect(messageOf(error)).toMatch(/something other than an upload result \(HTTP 200\).*not known whether/);
  });

  it('an answer that is not an upload result: unexpected_answer (HTTP 502), the records may be saved', async () => {
    nock(EU_HOST).post('/1/upload').reply(200, { ok: true });
    const error = await runEvent({ identity: 'u1', evtName: 'Deal Won' }).catch((e: unknown) => e);
    expect(appErrorOf(error)).toEqual({
      message:
        'CleverTap answered the upload with something other than an upload result (HTTP 200), so it is not known ' +
        'whether the data was saved. Check CleverTap before replaying this step.',
      code: 'unexpected_answer',
      status: 502,
    });
  });
});

describe("getProfile: a lookup's answers", () => {
  it('returns [] for an HTTP 404 whose JSON body says the user was not found, so Find or Create creates it', async () => {
    const scope = lookup()
      .query({ identity: 'nobody' })
      .reply(404, { status: 'fail', error: 'User not found', code: 404 });

    await expect(runLookup({ identity: 'nobody' })).resolves.toEqual([]);
    expect(scope.isDone()).toBe(true);
  });

  it('throws for an HTTP 404 without a not-found answer (an HTML page, a wrong address), never "no match"', async () => {
    const scope = lookup()
      .query(true)
      .reply(404, '<html><body>Not Found</body></html>', { 'Content-Type': 'text/html' });

    const error = await runLookup({ identity: 'u1' }).catch((e: unknown) => e);

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(Error);
    expect(messageOf(error)).toBe('CleverTap did not find that API address (HTTP 404): no details given');
  });

  it('a 404 with a JSON answer that is not "not found" is thrown too, with CleverTap\'s text', async () => {
    lookup().query(true).reply(404, { status: 'fail', error: 'No such endpoint', code: 400 });
    const error = await runLookup({ identity: 'u1' }).catch((e: unknown) => e);
    expect(appErrorOf(error)).toEqual({
      message: 'CleverTap did not find that API address (HTTP 404): No such endpoint',
      code: 'rejected',
      status: 404,
    });
  });

  it('throws, rather than report "not found", for a 200 fail about credentials', async () => {
    lookup().query(true).reply(200, { status: 'fail', error: 'Account ID is not valid' });

    const error = await runLookup({ identity: 'u1' }).catch((e: unknown) => e);

    expect(messageOf(error)).toBe(
      "CleverTap refused the lookup: Account ID is not valid. Check that the connection's Account ID, Passcode and " +
        'Region are right and that this passcode may read profiles, then reconnect your CleverTap account.',
    );
  });

  it('throws, rather than report "not found", for any other 200 fail', async () => {
    lookup().query(true).reply(200, { status: 'fail', error: 'Identity is malformed', code: 400 });

    const error = await runLookup({ identity: 'u1' }).catch((e: unknown) => e);

    expect(messageOf(error)).toBe(
      'CleverTap could not look up the profile: Identity is malformed. Check the value you searched by and try again.',
    );
  });

  it('throws for an answer that is not a lookup answer', async () => {
    lookup().query(true).reply(200, '<html>Maintenance</html>', { 'Content-Type': 'text/html' });

    const error = await runLookup({ identity: 'u1' }).catch((e: unknown) => e);

    expect(messageOf(error)).toBe(
      'CleverTap answered the lookup with something other than a profile answer (HTTP 200).',
    );
  });

  it('codes its refusals for Zapier: auth_failed, lookup_failed, unexpected_answer', async () => {
    const codes: unknown[] = [];
    for (const body of [
      { status: 'fail', error: 'Account ID is not valid' },
      { status: 'fail', error: 'Identity is malformed', code: 400 },
      '<html>Maintenance</html>',
    ]) {
      lookup().query(true).reply(200, body);
      const { code, status } = appErrorOf(await runLookup({ identity: 'u1' }).catch((e: unknown) => e));
      codes.push([code, status]);
    }
    expect(codes).toEqual([
      ['auth_failed', 401],
      ['lookup_failed', 502],
      ['unexpected_answer', 502],
    ]);
  });
});
