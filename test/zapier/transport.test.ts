/**
 * The transport every call goes through (src/zapier/transport.ts): the JSON body core would refuse, a timeout inside
 * Zapier's step limit and what a lost connection means for the data; and an upload's answer that is not one
 * (src/zapier/send.ts). Through the real actions, CleverTap mocked by nock.
 */
import nock from 'nock';
import answers from '../fixtures/clevertap-answers.json';
import { jsonText, TIMEOUT_VARIABLE } from '../../src/zapier/transport';
import { REQUEST_TIMEOUT_MS } from '../../src/zapier/limits';
import { sendFailureOf } from '../../src/zapier/errors';
import { perform as uploadEvent } from '../../src/creates/upload_event';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { perform as findProfile } from '../../src/searches/find_profile';
import { appErrorOf, appTester, authData, EU_HOST, messageOf, failureOf } from '../helpers';

const runProfile = (inputData: Record<string, unknown>) => appTester(upsertProfile, { authData, inputData });
const runEvent = (inputData: Record<string, unknown>) => appTester(uploadEvent, { authData, inputData });
const runLookup = (inputData: Record<string, unknown>) => appTester(findProfile, { authData, inputData });

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
    // The facts travel on the error, so no caller reads them back from its words.
    expect(sendFailureOf(error)?.lost).toEqual({
      timedOut: true,
      cause: 'request-timeout',
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
  });

  it('a lost connection carries its cause and that it did not time out', async () => {
    nock(EU_HOST)
      .post('/1/upload')
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    const error = await failureOf(runEvent({ identity: 'u1', evtName: 'Deal Won' }));
    expect(messageOf(error)).toMatch(/^The connection to CleverTap failed \(ECONNRESET\)\. /);
    expect(sendFailureOf(error)?.lost).toEqual({
      timedOut: false,
      cause: 'ECONNRESET',
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
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

describe('a shorter timeout set by the developer (CLEVERTAP_REQUEST_TIMEOUT_MS)', () => {
  const saved = process.env[TIMEOUT_VARIABLE];
  afterEach(() => {
    if (saved === undefined) delete process.env[TIMEOUT_VARIABLE];
    else process.env[TIMEOUT_VARIABLE] = saved;
  });

  /** Runs a profile upload against a CleverTap that never answers, the clock advanced by `advanceMs`. */
  async function withSilentCleverTap(advanceMs: number): Promise<{ error: unknown; settled: boolean }> {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      nock(EU_HOST).post('/1/upload').delay(60_000).reply(200, answers.success);
      let settled = false;
      const pending = runProfile({ identity: 'u1' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      void pending.finally(() => (settled = true));
      await jest.advanceTimersByTimeAsync(advanceMs);
      const early = settled;
      if (!early) await jest.advanceTimersByTimeAsync(REQUEST_TIMEOUT_MS);
      return { error: await pending, settled: early };
    } finally {
      nock.abortPendingRequests();
      jest.useRealTimers();
    }
  }

  it('is read at each call, and the message names the seconds really waited', async () => {
    process.env[TIMEOUT_VARIABLE] = '1500';
    const { error, settled } = await withSilentCleverTap(1_501);
    expect(settled).toBe(true);
    expect(appErrorOf(error)).toEqual({
      message:
        'CleverTap did not answer within 1.5 seconds. Nothing is known to be saved; it is safe to replay this step.',
      code: 'network_error',
      status: 503,
    });
  });

  it.each(['', '  '])('unset or empty (%p): the 20 seconds', async (value) => {
    process.env[TIMEOUT_VARIABLE] = value;
    const { error, settled } = await withSilentCleverTap(REQUEST_TIMEOUT_MS - 1);
    expect(settled).toBe(false); // still waiting just before the 20 seconds
    expect(appErrorOf(error).message).toMatch(/^CleverTap did not answer within 20 seconds\./);
  });

  it.each(['0', '-5', '20001', '60000', '1.5', '2e3', 'abc', '500ms'])(
    'refuses %p (only a whole number from 1 to 20000 can shorten the timeout), without sending anything',
    async (value) => {
      process.env[TIMEOUT_VARIABLE] = value;
      const scope = nock(EU_HOST).post('/1/upload').reply(200, answers.success);
      const error = await failureOf(runProfile({ identity: 'u1' }));
      expect(appErrorOf(error)).toEqual({
        message:
          'CLEVERTAP_REQUEST_TIMEOUT_MS is set to something other than a whole number of milliseconds from 1 to ' +
          '20000; fix or remove it.',
        code: 'invalid_timeout',
        status: 500,
      });
      expect(scope.isDone()).toBe(false);
    },
  );
});

describe('upload', () => {
  it('a 200 whose body is not JSON', async () => {
    nock(EU_HOST).post('/1/upload').reply(200, '<html>gateway</html>', { 'Content-Type': 'text/html' });
    const error = await failureOf(runProfile({ identity: 'u1' }));
    expect(messageOf(error)).toMatch(/something other than an upload result \(HTTP 200\).*not known whether/);
  });

  it('an answer that is not an upload result: unexpected_answer (HTTP 502), the records may be saved', async () => {
    nock(EU_HOST).post('/1/upload').reply(200, { ok: true });
    const error = await failureOf(runEvent({ identity: 'u1', evtName: 'Deal Won' }));
    expect(appErrorOf(error)).toEqual({
      message:
        'CleverTap answered the upload with something other than an upload result (HTTP 200), so it is not known ' +
        'whether the data was saved. Check CleverTap before replaying this step.',
      code: 'unexpected_answer',
      status: 502,
    });
  });
});
