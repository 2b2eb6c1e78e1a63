/**
 * "Update Subscription Status" itself: the status and the addresses it reads. What every acting action shares (the
 * request, the output, the refusals of bad input, the definition) is run by ./kinds/acting.ts; how CleverTap's
 * answers name the addresses not updated, by test/zapier/acts.test.ts and the failure matrix.
 */
import contact from '../fixtures/hubspot-new-contact.json';
import updateSubscriptionStatus, { perform } from '../../src/creates/update_subscription_status';
import { cleverTapWithHeaders, mapFields } from '../helpers';
import { describeActingAction } from './kinds/acting';
import { runner } from './kinds/common';

const PATH = '/1/subscribe';

const run = runner(perform);

describeActingAction({
  definition: updateSubscriptionStatus.definition,
  perform,
  path: PATH,
  // "Contact unsubscribed" in HubSpot: the contact's email and phone are unsubscribed in CleverTap.
  input: {
    status: 'Unsubscribe',
    ...mapFields({ email: '{{properties.email}}', phone: '{{properties.phone}}' }, contact),
  },
  body: {
    d: [
      { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' },
      { type: 'phone', value: '+14155550123', status: 'Unsubscribe' },
    ],
  },
  output: {
    status: 'success',
    subscriptionStatus: 'Unsubscribe',
    email: 'ada@example.com',
    phone: '+14155550123',
    updated: 2,
  },
  invalid: [
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
  ],
  about: {
    key: 'update_subscription_status',
    noun: 'Subscription',
    label: 'Update Subscription Status',
    description: [/^Updates /, /every profile that has it/],
    inputFields: ['status', 'email', 'phone', 'defaultPhoneCountry'],
  },
});

describe('Update Subscription Status: the status and the addresses', () => {
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
});
