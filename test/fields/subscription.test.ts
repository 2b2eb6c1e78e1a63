/**
 * The Update Subscription Status fields (src/fields/subscription.ts), read directly: the status, the email, the
 * phone (normalised with Default Phone Country), and the records they make.
 */
import {
  parseSubscriptions,
  subscriptionEmailField,
  subscriptionPhoneField,
  subscriptionStatusField,
} from '../../src/fields/subscription';
import { InputError } from '../../src/input/errors';

describe('Status', () => {
  it('is required, with the two choices, and help text about the do-not-disturb list', () => {
    expect(subscriptionStatusField.input).toMatchObject({ key: 'status', label: 'Status', required: true });
    expect(subscriptionStatusField.input.choices.map((c) => c.value)).toEqual(['Unsubscribe', 'Resubscribe']);
    expect(subscriptionStatusField.input.helpText).toMatch(/every profile that has it/);
    expect(subscriptionStatusField.input.helpText).toMatch(/Subscription fields/);
  });

  it.each([
    ['Unsubscribe', 'Unsubscribe'],
    ['unsubscribe', 'Unsubscribe'],
    [' UNSUBSCRIBE ', 'Unsubscribe'],
    ['Resubscribe', 'Resubscribe'],
    ['reSubscribe', 'Resubscribe'],
  ])('reads %j as %s', (value, expected) => {
    expect(subscriptionStatusField.read(value)).toBe(expected);
  });

  it.each(['Subscribe', 'opt-out', 'Unsubscribed', 'true', 'Un subscribe'])('refuses %j', (value) => {
    expect(() => subscriptionStatusField.read(value)).toThrow(InputError);
    expect(() => subscriptionStatusField.read(value)).toThrow(
      /^Status: ".*" is not a status CleverTap takes: choose Unsubscribe or Resubscribe\.$/,
    );
  });

  it.each([undefined, '', '  '])('asks for one when empty (%j)', (value) => {
    expect(() => subscriptionStatusField.read(value)).toThrow('Status: choose Unsubscribe or Resubscribe.');
  });

  it('refuses a list, naming the field', () => {
    expect(() => subscriptionStatusField.read(['Unsubscribe'])).toThrow(/^Status: expected a single value/);
  });
});

describe('Email', () => {
  it('is optional, with help text about Phone', () => {
    expect(subscriptionEmailField.input).toMatchObject({ key: 'email', label: 'Email', required: false });
    expect(subscriptionEmailField.input.helpText).toMatch(/Phone/);
  });

  it('reads an address, trimmed; empty is none', () => {
    expect(subscriptionEmailField.read(' ada@example.com ')).toBe('ada@example.com');
    expect(subscriptionEmailField.read('')).toBeUndefined();
  });

  it.each(['ada@@example.com', 'ada at example.com', 'ada@'])('refuses %j', (value) => {
    expect(() => subscriptionEmailField.read(value)).toThrow(/^Email: ".*" is not an email address/);
  });
});

describe('Phone', () => {
  it('is optional, with help text about Default Phone Country', () => {
    expect(subscriptionPhoneField.input).toMatchObject({ key: 'phone', label: 'Phone', required: false });
    expect(subscriptionPhoneField.input.helpText).toMatch(/Default Phone Country/);
  });
});

describe('parseSubscriptions', () => {
  it('one record for an email', () => {
    expect(parseSubscriptions({ email: 'ada@example.com', status: 'Unsubscribe' })).toEqual([
      { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' },
    ]);
  });

  it('one record for a phone, normalised to +<country><number>', () => {
    expect(parseSubscriptions({ phone: '+1 (415) 555-0123', status: 'resubscribe' })).toEqual([
      { type: 'phone', value: '+14155550123', status: 'Resubscribe' },
    ]);
  });

  it('a phone without a country code takes Default Phone Country', () => {
    expect(
      parseSubscriptions({ phone: '(415) 555-0123', defaultPhoneCountry: 'US', status: 'Unsubscribe' }),
    ).toEqual([{ type: 'phone', value: '+14155550123', status: 'Unsubscribe' }]);
    expect(
      parseSubscriptions({ phone: '020 7946 0958', defaultPhoneCountry: 'gb', status: 'Unsubscribe' }),
    ).toEqual([{ type: 'phone', value: '+442079460958', status: 'Unsubscribe' }]);
  });

  it('both: two records, email first, the same status', () => {
    expect(
      parseSubscriptions({ email: 'ada@example.com', phone: '+14155550123', status: 'Unsubscribe' }),
    ).toEqual([
      { type: 'email', value: 'ada@example.com', status: 'Unsubscribe' },
      { type: 'phone', value: '+14155550123', status: 'Unsubscribe' },
    ]);
  });

  it('asks for an email or a phone when neither is given', () => {
    for (const input of [{ status: 'Unsubscribe' }, { email: ' ', phone: '', status: 'Unsubscribe' }])
      expect(() => parseSubscriptions(input)).toThrow(
        /^Email \/ Phone: fill in the email address, the phone number, or both/,
      );
  });

  it('refuses a bad email before anything else is read', () => {
    expect(() =>
      parseSubscriptions({ email: 'ada@@example.com', phone: '+14155550123', status: 'Unsubscribe' }),
    ).toThrow(/^Email: "ada@@example\.com" is not an email address/);
  });

  it('refuses a phone without country code and no Default Phone Country', () => {
    expect(() => parseSubscriptions({ phone: '(415) 555-0123', status: 'Unsubscribe' })).toThrow(
      /^Phone: "\(415\) 555-0123" has no country code\..*Default Phone Country/,
    );
  });

  it.each([
    ['+1 415', undefined],
    ['12', 'US'],
    ['+1 415 555 0123 4567 89', undefined],
  ])('refuses the impossible phone %j', (phone, defaultPhoneCountry) => {
    expect(() => parseSubscriptions({ phone, defaultPhoneCountry, status: 'Unsubscribe' })).toThrow(
      /^Phone: ".*" is not a possible phone number/,
    );
  });

  it('refuses a Default Phone Country that is not one, when there is a phone', () => {
    expect(() =>
      parseSubscriptions({ phone: '(415) 555-0123', defaultPhoneCountry: 'Narnia', status: 'Unsubscribe' }),
    ).toThrow(/^Default Phone Country: "Narnia" is not a two-letter country code/);
  });

  it('refuses a missing or unknown status, naming Status', () => {
    expect(() => parseSubscriptions({ email: 'ada@example.com' })).toThrow(/^Status: choose Unsubscribe/);
    expect(() => parseSubscriptions({ email: 'ada@example.com', status: 'Opt out' })).toThrow(
      /^Status: "Opt out" is not a status/,
    );
  });
});
