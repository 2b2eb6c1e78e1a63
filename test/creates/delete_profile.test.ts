import nock from 'nock';
import contact from '../fixtures/hubspot-new-contact.json';
import answers from '../fixtures/clevertap-answers.json';
import deleteProfile, { perform, sample } from '../../src/creates/delete_profile';
import {
  appTester,
  authData,
  cleverTapWithHeaders,
  EU_HOST,
  failureOf,
  mapFields,
  messageOf,
  PASSCODE,
} from '../helpers';

const PATH = '/1/delete/profiles.json';

/** "Contact deleted" (or a GDPR request) in HubSpot: the contact's profile, by the identity it was uploaded with. */
const contactDeleted = mapFields({ identity: '{{properties.email}}' }, contact);

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });

/** The keys of a list of declared fields. */
const keysOf = (fields: unknown) => ((fields ?? []) as { key: string }[]).map((f) => f.key);

describe('Delete User Profile', () => {
  it('deletes a deleted HubSpot contact by identity, with the two headers', async () => {
    const scope = cleverTapWithHeaders()
      .post(PATH, { identity: ['ada@example.com'] })
      .reply(200, { status: 'success' });

    const result = await run(contactDeleted);

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      status: 'deletion_requested',
      identity: 'ada@example.com',
      note: expect.stringMatching(/in the background \(about 48 hours\).*creates a new profile/),
    });
  });

  it('deletes by Object ID under guid, never with identity', async () => {
    let sent: unknown;
    const scope = cleverTapWithHeaders()
      .post(PATH, (body) => {
        sent = body;
        return true;
      })
      .reply(200, { status: 'success' });
    const result = await run({ objectId: ' df2e224d90874887b4d61153ef3a2508 ' });
    expect(scope.isDone()).toBe(true);
    expect(sent).toStrictEqual({ guid: ['df2e224d90874887b4d61153ef3a2508'] });
    expect(result).toMatchObject({
      status: 'deletion_requested',
      objectId: 'df2e224d90874887b4d61153ef3a2508',
    });
    expect(result).not.toHaveProperty('identity');
  });

  describe('refuses bad input before sending anything', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['neither key', {}, /^Identity \/ Object ID: fill in one of them/],
      ['blank keys', { identity: '  ', objectId: '' }, /^Identity \/ Object ID: fill in one of them/],
      [
        'both keys',
        { identity: 'client-19827239', objectId: 'df2e224d90874887b4d61153ef3a2508' },
        /^Identity \/ Object ID: fill in only one of them/,
      ],
      ['an Object ID with spaces', { objectId: 'df2e 224d' }, /^Object ID: "df2e 224d" contains spaces/],
      ['a list as the identity', { identity: ['a', 'b'] }, /^Identity: expected a single value/],
    ];

    it.each(cases)('%s', async (_name, inputData, expected) => {
      const scope = nock(EU_HOST).post(PATH).reply(200, { status: 'success' });
      const error = await failureOf(run(inputData));
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toMatch(expected);
      expect(scope.isDone()).toBe(false);
    });
  });

  describe("CleverTap's answers", () => {
    it('a 200 fail is an error in plain words, never a success', async () => {
      nock(EU_HOST).post(PATH).reply(200, { status: 'fail', error: 'Invalid identity', code: 9 });
      const error = await failureOf(run(contactDeleted));
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toBe(
        "CleverTap did not delete the profile: Invalid identity (CleverTap code 9). Check the step's input and try again.",
      );
    });

    it('an unknown 200: not known whether CleverTap will delete it; safe to replay', async () => {
      nock(EU_HOST).post(PATH).reply(200, { deleted: true });
      const message = messageOf(await failureOf(run(contactDeleted)));
      expect(message).toMatch(
        /HTTP 200.*not known whether CleverTap will delete the profile; replaying this step is safe/,
      );
    });

    it("HTTP 400 with code 9: CleverTap's text", async () => {
      nock(EU_HOST).post(PATH).reply(400, { status: 'fail', error: 'Both identity and guid given', code: 9 });
      const error = await failureOf(run(contactDeleted));
      expect(messageOf(error)).toBe(
        'CleverTap rejected the request as invalid: Both identity and guid given',
      );
    });

    it('401: ExpiredAuthError naming the region', async () => {
      nock(EU_HOST).post(PATH).reply(401, answers.invalidCredentials);
      const error = await failureOf(run(contactDeleted));
      expect(error.name).toBe('ExpiredAuthError');
      expect(messageOf(error)).toMatch(/Account ID or Passcode for Europe \(eu1\)/);
      expect(messageOf(error)).not.toContain(PASSCODE);
    });

    it('429: ThrottledError', async () => {
      nock(EU_HOST).post(PATH).reply(429, answers.tooManyRequests);
      const error = await failureOf(run(contactDeleted));
      expect(error.name).toBe('ThrottledError');
    });

    it('a reset: safe to replay', async () => {
      nock(EU_HOST)
        .post(PATH)
        .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const message = messageOf(await failureOf(run(contactDeleted)));
      expect(message).toMatch(/^The connection to CleverTap failed \(ECONNRESET\)\. .*safe to replay/);
    });
  });

  describe('the definition', () => {
    it('key, noun, label, and a description of what deleting does', () => {
      expect(deleteProfile.key).toBe('delete_profile');
      expect(deleteProfile.noun).toBe('User Profile');
      expect(deleteProfile.display.label).toBe('Delete User Profile');
      const { description } = deleteProfile.display;
      expect(description).toMatch(/^Deletes /);
      expect(description).toMatch(/event history/);
      expect(description).toMatch(/background \(about 48 hours\)/);
      expect(description).toMatch(/later upload with the same Identity creates a new profile/);
    });

    it('the input fields', () => {
      expect(keysOf(deleteProfile.operation.inputFields)).toEqual(['identity', 'objectId']);
    });

    it("the sample's keys are output fields", () => {
      const declared = keysOf(deleteProfile.operation.outputFields);
      expect(Object.keys(sample).filter((k) => !declared.includes(k))).toEqual([]);
    });
  });
});
