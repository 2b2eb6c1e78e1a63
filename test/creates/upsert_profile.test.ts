import nock from 'nock';
import contact from '../fixtures/hubspot-new-contact.json';
import answers from '../fixtures/clevertap-answers.json';
import { perform } from '../../src/creates/upsert_profile';
import { appTester, authData, EU_HOST, mapFields, messageOf, PASSCODE } from '../helpers';

/** How a user maps a HubSpot "New Contact" into the action, typing the JSON around mapped values. */
const contactMapping = {
  identity: '{{properties.email}}',
  ts: '{{properties.createdate}}',
  profileData:
    '{"Name": "{{properties.firstname}} {{properties.lastname}}", "Email": "{{properties.email}}", ' +
    '"Phone": "{{properties.phone}}", "Lifecycle Stage": "{{properties.lifecyclestage}}", ' +
    '"HubSpot Contact ID": "{{id}}"}',
};

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });

describe('Create/Update User Profile', () => {
  it('uploads a mapped HubSpot contact as one profile record, with the credentials as headers', async () => {
    const scope = nock(EU_HOST, {
      reqheaders: {
        'x-clevertap-account-id': 'TEST-ACC-123',
        'x-clevertap-passcode': PASSCODE,
        'content-type': 'application/json; charset=utf-8',
      },
    })
      .post('/1/upload', {
        d: [
          {
            type: 'profile',
            identity: 'ada@example.com',
            ts: 1714573800,
            profileData: {
              Name: 'Ada Lovelace',
              Email: 'ada@example.com',
              Phone: '+14155550123',
              'Lifecycle Stage': 'lead',
              'HubSpot Contact ID': '51',
            },
          },
        ],
      })
      .reply(200, answers.success);

    const result = await run(mapFields(contactMapping, contact));

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      status: 'success',
      processed: 1,
      type: 'profile',
      identity: 'ada@example.com',
      ts: '2024-05-01T14:30:00Z',
      profileData: expect.objectContaining({ Name: 'Ada Lovelace' }),
    });
  });

  it('sends objectId instead of identity, and no ts when Creation Date is empty', async () => {
    const scope = nock(EU_HOST)
      .post('/1/upload', {
        d: [{ type: 'profile', objectId: '-2ce3cca260664f70b82b1c6bb505f462', profileData: {} }],
      })
      .reply(200, answers.success);

    const result = await run({ objectId: '-2ce3cca260664f70b82b1c6bb505f462', ts: '', profileData: '' });

    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ objectId: '-2ce3cca260664f70b82b1c6bb505f462' });
    expect(result).not.toHaveProperty('ts');
  });

  it.each([
    ['in1', 'https://in1.api.clevertap.com'],
    ['us1', 'https://us1.api.clevertap.com'],
    ['mec1', 'https://mec1.api.clevertap.com'],
  ])('posts to the %s region host', async (region, host) => {
    const scope = nock(host).post('/1/upload').reply(200, answers.success);
    await appTester(perform, { authData: { ...authData, region }, inputData: { identity: 'u1' } });
    expect(scope.isDone()).toBe(true);
  });

  describe('refuses bad input before sending anything', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['neither user key', { profileData: '{}' }, /^Identity \/ Object ID: fill in one of them/],
      ['both user keys', { identity: 'a', objectId: '-1' }, /^Identity \/ Object ID: fill in only one/],
      [
        'a mapped value with a quote that breaks the JSON',
        mapFields({ identity: 'x', profileData: '{"Name": "{{name}}"}' }, { name: 'Ada "The Countess"' }),
        /^Profile Properties \(JSON\): this is not valid JSON at line 1, column \d+ .*double quote/,
      ],
      [
        'JSON that is a list',
        { identity: 'x', profileData: '[1, 2]' },
        /^Profile Properties \(JSON\): this must be a JSON object.*got a list/,
      ],
      [
        'an unknown date',
        { identity: 'x', ts: 'next tuesday' },
        /^Creation Date: "next tuesday" is not a date/,
      ],
      [
        'a key with a forbidden character',
        { identity: 'x', profileData: '{"plan.tier": "gold"}' },
        /"plan\.tier".*"\."/,
      ],
      ['a key with #', { identity: 'x', profileData: '{"#tag": "a"}' }, /"#tag", which contains "#"/],
      [
        'a Gender CleverTap refuses',
        { identity: 'x', profileData: '{"Gender": "female"}' },
        /"Gender"; CleverTap accepts M or F/,
      ],
      [
        'a phone without country code',
        { identity: 'x', profileData: '{"Phone": "(415) 555-0123"}' },
        /country code/,
      ],
      [
        'a value over 512 characters',
        { identity: 'x', profileData: JSON.stringify({ Bio: 'a'.repeat(513) }) },
        /over 512 bytes/,
      ],
      [
        'a nested object',
        { identity: 'x', profileData: '{"Address": {"City": "London"}}' },
        /nested object for "Address"/,
      ],
      ['a list with a duplicate', { identity: 'x', profileData: '{"Tags": ["a", "a"]}' }, /same value twice/],
    ];

    it.each(cases)('%s', async (_name, inputData, expected) => {
      const scope = nock(EU_HOST).post('/1/upload').reply(200, answers.success);
      const error = await run(inputData).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(Error);
      expect((error as Error).name).toBe('AppError');
      expect(messageOf(error)).toMatch(expected);
      expect(scope.isDone()).toBe(false);
    });
  });

  describe("reports CleverTap's refusals in plain words", () => {
    it('a rejected record: its code and meaning, without echoing the record', async () => {
      nock(EU_HOST).post('/1/upload').reply(200, answers.emailRejected);
      const error = await run({ identity: 'ada@example.com', profileData: '{"Name": "Ada"}' }).catch(
        (e: unknown) => e,
      );
      const message = messageOf(error);
      expect(message).toContain('CleverTap did not save the data');
      expect(message).toContain('Email is not a valid email address (CleverTap code 515)');
      expect(message).not.toContain('ada@@example');
    });

    it('a success that processed fewer records than were sent is not a success', async () => {
      nock(EU_HOST).post('/1/upload').reply(200, { status: 'success', processed: 0, unprocessed: [] });
      const error = await run({ identity: 'u1' }).catch((e: unknown) => e);
      expect(messageOf(error)).toMatch(/neither processed nor reported as failed/);
    });

    it('401: the credentials-or-region message, naming the region', async () => {
      nock(EU_HOST).post('/1/upload').reply(401, answers.invalidCredentials);
      const error = await run({ identity: 'u1' }).catch((e: unknown) => e);
      expect((error as Error).name).toBe('ExpiredAuthError');
      expect(messageOf(error)).toMatch(/Account ID or Passcode for Europe \(eu1\).*dashboard/);
      expect(messageOf(error)).not.toContain(PASSCODE);
    });

    it("400: CleverTap's error text", async () => {
      nock(EU_HOST).post('/1/upload').reply(400, answers.malformed);
      const error = await run({ identity: 'u1' }).catch((e: unknown) => e);
      expect(messageOf(error)).toBe(
        'CleverTap rejected the request as invalid: Malformed request: unexpected end of JSON',
      );
    });

    it('429: a ThrottledError so Zapier retries later', async () => {
      nock(EU_HOST).post('/1/upload').reply(429, answers.tooManyRequests);
      const error = await run({ identity: 'u1' }).catch((e: unknown) => e);
      expect((error as Error).name).toBe('ThrottledError');
      expect(JSON.parse((error as Error).message)).toEqual({
        message: expect.stringMatching(/too many requests.*Zapier will try again/),
        delay: 60,
      });
    });

    it('5xx: unavailable, with the status', async () => {
      nock(EU_HOST).post('/1/upload').reply(503, answers.unavailable);
      const error = await run({ identity: 'u1' }).catch((e: unknown) => e);
      expect(messageOf(error)).toBe(
        'CleverTap is unavailable right now (HTTP 503). Try again in a few minutes.',
      );
    });

    it('a 200 whose body is not JSON', async () => {
      nock(EU_HOST).post('/1/upload').reply(200, '<html>gateway</html>', { 'Content-Type': 'text/html' });
      const error = await run({ identity: 'u1' }).catch((e: unknown) => e);
      expect(messageOf(error)).toMatch(
        /something other than an upload result \(HTTP 200\).*not known whether/,
      );
    });
  });
});
