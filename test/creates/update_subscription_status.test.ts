import nock from 'nock';
import contact from '../fixtures/hubspot-new-contact.json';
import answers from '../fixtures/clevertap-answers.json';
import updateSubscriptionStatus, { perform, sample } from '../../src/creates/update_subscription_status';
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

const PATH = '/1/subscribe';

/** "Contact unsubscribed" in HubSpot: the contact's email and phone are unsubscribed in CleverTap. */
const unsubscribed = {
  status: 'Unsubscribe',
  ...mapFields({ email: '{{properties.email}}', phone: '{{properties.phone}}' }, contact),
};

const run = (inputData: Record<string, unknown>) => appTester(perform, { authData, inputData });

/** The keys of a list of declared fields. */
const keysOf = (fields: unknown) => ((fields ?? []) as { key: string }[]).map((f) => f.key);

const skipped = (code: number, number: number, title: string) => ({
  status: 'fail',
  code,
  error: `${title} ErrorCode: ${code} - value is not usable. Skipped record number : ${number}`,
  record: {},
});

describe('Update Subscription Status', () => {
  it("unsubscribes a HubSpot contact's email and phone: two records, the two headers", async () => {
    const scope = cleverTapWithHeaders()
      .post(PATH, {
        d: [
          { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' },
          { type: 'phone', value: '+14155550123', status: 'Unsubscribe' },
        ],
      })
      .reply(200, { status: 'success' });

    const result = await run(unsubscribed);

    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      status: 'success',
      subscriptionStatus: 'Unsubscribe',
      email: 'ada@example.com',
      phone: '+14155550123',
      updated: 2,
    });
  });

  it('resubscribes an email alone, status in any case', async () => {
    const scope = cleverTapWithHeaders()
      .post(PATH, { d: [{ type: 'email', value: 'ada@example.com', status: 'Resubscribe' }] })
      .reply(200, { status: 'success', processed: 1, unprocessed: [] });
    const result = await run({ status: 'resubscribe', email: ' ada@example.com ' });
    expect(scope.isDone()).toBe(true);
    expect(result).toEqual({
      status: 'success',
      subscriptionStatus: 'Resubscribe',
      email: 'ada@example.com',
      updated: 1,
    });
  });

  it('normalises a phone with Default Phone Country', async () => {
    const scope = cleverTapWithHeaders()
      .post(PATH, { d: [{ type: 'phone', value: '+14155550123', status: 'Unsubscribe' }] })
      .reply(200, { status: 'success' });
    const result = await run({ status: 'Unsubscribe', phone: '(415) 555-0123', defaultPhoneCountry: 'US' });
    expect(scope.isDone()).toBe(true);
    expect(result).toMatchObject({ phone: '+14155550123', updated: 1 });
    expect(result).not.toHaveProperty('email');
  });

  describe('refuses bad input before sending anything', () => {
    const cases: [string, Record<string, unknown>, RegExp][] = [
      ['no status', { email: 'ada@example.com' }, /^Status: choose Unsubscribe or Resubscribe\.$/],
      [
        'an unknown status',
        { status: 'Subscribe', email: 'ada@example.com' },
        /^Status: "Subscribe" is not a status/,
      ],
      [
        'neither email nor phone',
        { status: 'Unsubscribe' },
        /^Email \/ Phone: fill in the email address, the phone/,
      ],
      [
        'a bad email',
        { status: 'Unsubscribe', email: 'ada@@example.com' },
        /^Email: "ada@@example\.com" is not an email address/,
      ],
      [
        'a phone without country code',
        { status: 'Unsubscribe', phone: '(415) 555-0123' },
        /^Phone: "\(415\) 555-0123" has no country code/,
      ],
      [
        'an impossible phone',
        { status: 'Unsubscribe', phone: '+1 415' },
        /^Phone: "\+1 415" is not a possible phone/,
      ],
      [
        'a good email beside an impossible phone',
        { status: 'Unsubscribe', email: 'ada@example.com', phone: '12', defaultPhoneCountry: 'US' },
        /^Phone: "12" is not a possible phone number in US/,
      ],
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
    it('partial: an error naming the address not updated, and not the one that was', async () => {
      nock(EU_HOST)
        .post(PATH)
        .reply(200, {
          status: 'partial',
          processed: 1,
          unprocessed: [skipped(516, 2, 'Phone number is invalid.')],
        });
      const error = await failureOf(run(unsubscribed));
      const message = messageOf(error);
      expect(error.name).toBe('AppError');
      expect(message).toMatch(/^CleverTap did not update every subscription status/);
      expect(message).toContain('not updated: phone +14155550123');
      expect(message).toContain('code 516');
      expect(message).not.toContain('ada@example.com');
      expect(message).toMatch(/replaying this step is safe\.$/);
    });

    it('processed short of what was sent: the addresses are named as not confirmed', async () => {
      nock(EU_HOST).post(PATH).reply(200, { status: 'success', processed: 1, unprocessed: [] });
      const message = messageOf(await failureOf(run(unsubscribed)));
      expect(message).toContain('not confirmed: email ada@example.com; phone +14155550123');
    });

    it('a 200 fail is an error, never a success', async () => {
      nock(EU_HOST)
        .post(PATH)
        .reply(200, { status: 'fail', processed: 0, unprocessed: [skipped(515, 1, 'Email is invalid.')] });
      const error = await failureOf(run({ status: 'Unsubscribe', email: 'ada@example.com' }));
      expect(messageOf(error)).toMatch(/not updated: email ada@example\.com \(Email is invalid/);
    });

    it('partial with nothing named still says which addresses are not confirmed', async () => {
      nock(EU_HOST).post(PATH).reply(200, { status: 'partial', processed: 2, unprocessed: [] });
      const message = messageOf(await failureOf(run(unsubscribed)));
      expect(message).toMatch(/^CleverTap did not update every subscription status/);
      expect(message).toContain('ada@example.com');
      expect(message).toContain('+14155550123');
    });

    it('an unknown 200: not known whether it was updated; safe to replay', async () => {
      nock(EU_HOST).post(PATH).reply(200, { result: 'ok' });
      const message = messageOf(await failureOf(run(unsubscribed)));
      expect(message).toMatch(
        /HTTP 200.*not known whether the subscription status was updated; replaying this step is safe/,
      );
    });

    it("HTTP 400 with code 9: CleverTap's text", async () => {
      nock(EU_HOST).post(PATH).reply(400, { status: 'fail', error: 'Invalid payload', code: 9 });
      const error = await failureOf(run(unsubscribed));
      expect(error.name).toBe('AppError');
      expect(messageOf(error)).toBe('CleverTap rejected the request as invalid: Invalid payload');
    });

    it('401: ExpiredAuthError naming the region', async () => {
      nock(EU_HOST).post(PATH).reply(401, answers.invalidCredentials);
      const error = await failureOf(run(unsubscribed));
      expect(error.name).toBe('ExpiredAuthError');
      expect(messageOf(error)).toMatch(/Account ID or Passcode for Europe \(eu1\)/);
      expect(messageOf(error)).not.toContain(PASSCODE);
    });

    it('429: ThrottledError', async () => {
      nock(EU_HOST).post(PATH).reply(429, answers.tooManyRequests);
      const error = await failureOf(run(unsubscribed));
      expect(error.name).toBe('ThrottledError');
    });

    it('a reset: safe to replay', async () => {
      nock(EU_HOST)
        .post(PATH)
        .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
      const message = messageOf(await failureOf(run(unsubscribed)));
      expect(message).toMatch(/^The connection to CleverTap failed \(ECONNRESET\)\. .*safe to replay/);
    });
  });

  describe('the definition', () => {
    it('key, noun, label, description', () => {
      expect(updateSubscriptionStatus.key).toBe('update_subscription_status');
      expect(updateSubscriptionStatus.noun).toBe('Subscription');
      expect(updateSubscriptionStatus.display.label).toBe('Update Subscription Status');
      expect(updateSubscriptionStatus.display.description).toMatch(/^Updates /);
      expect(updateSubscriptionStatus.display.description).toMatch(/every profile that has it/);
    });

    it('the input fields', () => {
      expect(keysOf(updateSubscriptionStatus.operation.inputFields)).toEqual([
        'status',
        'email',
        'phone',
        'defaultPhoneCountry',
      ]);
    });

    it("the sample's keys are output fields", () => {
      const declared = keysOf(updateSubscriptionStatus.operation.outputFields);
      expect(Object.keys(sample).filter((k) => !declared.includes(k))).toEqual([]);
    });
  });
});
