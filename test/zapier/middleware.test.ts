/**
 * The HTTP middleware (src/zapier/middleware.ts): where the credentials may go, and CleverTap's request-level failures
 * as Zapier errors in plain words. Read directly, and through the real actions with CleverTap's answers from nock.
 */
import nock from 'nock';
import zapier from 'zapier-platform-core';
import answers from '../fixtures/clevertap-answers.json';
import { handleCleverTapErrors, isCleverTapUrl } from '../../src/zapier/middleware';
import { perform as upsertProfile } from '../../src/creates/upsert_profile';
import { perform as findProfile } from '../../src/searches/find_profile';
import { appTester, authData, EU_HOST, messageOf, PASSCODE, failureOf } from '../helpers';

describe('where credentials may go', () => {
  const saved = process.env.CLEVERTAP_API_BASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.CLEVERTAP_API_BASE_URL;
    else process.env.CLEVERTAP_API_BASE_URL = saved;
  });

  it.each([
    'https://api.clevertap.com/1/upload',
    'https://eu1.api.clevertap.com/1/upload',
    'https://in1.api.clevertap.com/1/profile.json?identity=x',
    'https://mec1.api.clevertap.com/1/upload',
  ])('to %s', (url) => {
    delete process.env.CLEVERTAP_API_BASE_URL;
    expect(isCleverTapUrl(url)).toBe(true);
  });

  it.each([
    'http://api.clevertap.com/1/upload',
    'https://api.clevertap.com.evil.test/1/upload',
    'https://evil.test/?h=api.clevertap.com',
    'https://xx1.api.clevertap.com/1/upload',
    'https://dashboard.clevertap.com/',
    'not a url',
    '',
  ])('never to %s', (url) => {
    delete process.env.CLEVERTAP_API_BASE_URL;
    expect(isCleverTapUrl(url)).toBe(false);
  });

  it("to the developer's test server, on its exact origin only", () => {
    process.env.CLEVERTAP_API_BASE_URL = 'http://127.0.0.1:4010/{region}';
    expect(isCleverTapUrl('http://127.0.0.1:4010/eu1/1/upload')).toBe(true);
    expect(isCleverTapUrl('http://127.0.0.1:4011/eu1/1/upload')).toBe(false);
    expect(isCleverTapUrl('https://127.0.0.1:4010/eu1/1/upload')).toBe(false);
  });
});

describe('CleverTap failures as Zapier errors', () => {
  type Response = Parameters<typeof handleCleverTapErrors>[0];
  type Z = Parameters<typeof handleCleverTapErrors>[1];
  type Bundle = Parameters<typeof handleCleverTapErrors>[2];
  const z = { errors: zapier.errors } as unknown as Z;
  const bundle = { authData: { region: 'in1' } } as unknown as Bundle;
  const answer = (status: number, data: unknown, skipThrowForStatus = false) =>
    ({
      status,
      data,
      skipThrowForStatus,
      request: { url: 'https://in1.api.clevertap.com/1/profile.json?identity=u1' },
      getHeader: () => undefined,
    }) as unknown as Response;
  const thrown = (response: Response) => {
    try {
      // Synchronous: it returns the response or throws.
      void handleCleverTapErrors(response, z, bundle);
    } catch (error) {
      return error as Error;
    }
    throw new Error('nothing was thrown');
  };

  it('hands a 404 back to a lookup that reads its own 404s (its body may say "not found")', () => {
    const response = answer(404, { status: 'fail', error: 'User not found', code: 404 }, true);
    expect(handleCleverTapErrors(response, z, bundle)).toBe(response);
  });

  it('throws a 404 for any other request, in words that fit what Zapier shows', () => {
    const error = thrown(answer(404, '<html>Not Found</html>'));
    const { message } = JSON.parse(error.message) as { message: string };
    expect(message).toBe('CleverTap did not find that API address (HTTP 404): no details given');
  });

  it('throws a 401 even for a lookup, naming the region first, within 250 characters', () => {
    const error = thrown(answer(401, { status: 'fail', error: 'Invalid Credentials', code: 401 }, true));
    expect(error.name).toBe('ExpiredAuthError');
    expect(error.message).toMatch(/^CleverTap refused the Account ID or Passcode for India \(in1\)\./);
    expect(error.message.length).toBeLessThanOrEqual(250);
  });
});

describe("CleverTap's request-level failures, through the actions", () => {
  const runProfile = (inputData: Record<string, unknown>) =>
    appTester(upsertProfile, { authData, inputData });
  const runLookup = (inputData: Record<string, unknown>) => appTester(findProfile, { authData, inputData });
  const lookup = () =>
    nock(EU_HOST, {
      reqheaders: { 'x-clevertap-account-id': authData.accountId, 'x-clevertap-passcode': PASSCODE },
    }).get('/1/profile.json');

  it('401: the credentials-or-region message, naming the region', async () => {
    nock(EU_HOST).post('/1/upload').reply(401, answers.invalidCredentials);
    const error = await failureOf(runProfile({ identity: 'u1' }));
    expect(error.name).toBe('ExpiredAuthError');
    expect(messageOf(error)).toMatch(/Account ID or Passcode for Europe \(eu1\).*dashboard/);
    expect(messageOf(error)).not.toContain(PASSCODE);
  });

  it("400: CleverTap's error text", async () => {
    nock(EU_HOST).post('/1/upload').reply(400, answers.malformed);
    const error = await failureOf(runProfile({ identity: 'u1' }));
    expect(messageOf(error)).toBe(
      'CleverTap rejected the request as invalid: Malformed request: unexpected end of JSON',
    );
  });

  it('429: a ThrottledError so Zapier retries later', async () => {
    nock(EU_HOST).post('/1/upload').reply(429, answers.tooManyRequests);
    const error = await failureOf(runProfile({ identity: 'u1' }));
    expect(error.name).toBe('ThrottledError');
    expect(JSON.parse(error.message)).toEqual({
      message: expect.stringMatching(/too many requests.*Zapier will try again/),
      delay: 60,
    });
  });

  it('5xx: unavailable, with the status', async () => {
    nock(EU_HOST).post('/1/upload').reply(503, answers.unavailable);
    const error = await failureOf(runProfile({ identity: 'u1' }));
    expect(messageOf(error)).toBe(
      'CleverTap is unavailable right now (HTTP 503). Try again in a few minutes.',
    );
  });

  it('a lookup: a 401 is a credentials problem, naming the region', async () => {
    lookup().query(true).reply(401, { status: 'fail', error: 'Invalid Credentials', code: 401 });

    const error = await failureOf(runLookup({ identity: 'u1' }));

    expect(error.name).toBe('ExpiredAuthError');
    expect(messageOf(error)).toMatch(/^CleverTap refused the Account ID or Passcode for Europe \(eu1\)\./);
    const shown = messageOf(error).split('\nWhat happened:')[0] ?? '';
    expect(shown).toMatch(/Settings > Project.*Region.*Then reconnect\.$/);
    expect(shown.length).toBeLessThanOrEqual(250);
  });
});
