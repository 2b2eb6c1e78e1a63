import { InputError } from '../../src/input/errors';
import { parseEmail, parseGender, parsePhone, parsePhoneCountry } from '../../src/input/people';

describe('parsePhone: HubSpot-style numbers to +<country><number>', () => {
  it.each<[string, string | undefined, string]>([
    ['(415) 555-0123', 'US', '+14155550123'],
    ['415.555.0123', 'US', '+14155550123'],
    ['415-555-0123', 'US', '+14155550123'],
    ['+1 (415) 555-0123', undefined, '+14155550123'],
    ['+1 (415) 555-0123', 'GB', '+14155550123'],
    ['+44 20 7946 0958', undefined, '+442079460958'],
    ['+44 20 7946 0958', 'US', '+442079460958'],
    ['020 7946 0958', 'GB', '+442079460958'],
    ['0044 20 7946 0958', undefined, '+442079460958'],
    ['0044 20 7946 0958', 'US', '+442079460958'],
    ['0044 20 7946 0958', 'GB', '+442079460958'],
    ['(415) 555-0123 ext. 45', 'US', '+14155550123'],
    ['415-555-0123 x12', 'US', '+14155550123'],
    ['+1 415 555 0123 ext 7', undefined, '+14155550123'],
    ['+91 98765 43210', 'US', '+919876543210'],
    ['  +14155550123 ', undefined, '+14155550123'],
  ])('%j (country %s) -> %s', (value, country, expected) => {
    expect(parsePhone('Phone', value, country as never)).toBe(expected);
  });

  it.each([undefined, null, '', '   '])('%j is no phone', (value) => {
    expect(parsePhone('Phone', value, 'US')).toBeUndefined();
  });

  it.each<[string, string | undefined, RegExp]>([
    ['(415) 555-0123', undefined, /^Phone: "\(415\) 555-0123" has no country code\. .*Default Phone Country/],
    ['12', 'US', /^Phone: "12" is not a possible phone number in US\. CleverTap needs the country code/],
    ['+1 415 555 01234567', undefined, /^Phone: "\+1 415 555 01234567" is not a possible phone number\. /],
    ['call me', 'US', /^Phone: "call me" is not a possible phone number/],
  ])('refuses %j (country %s)', (value, country, message) => {
    expect(() => parsePhone('Phone', value, country as never)).toThrow(InputError);
    expect(() => parsePhone('Phone', value, country as never)).toThrow(message);
  });
});

describe('parsePhoneCountry', () => {
  it.each<[unknown, string | undefined]>([
    ['US', 'US'],
    ['us', 'US'],
    [' gb ', 'GB'],
    ['UK', 'GB'],
    ['', undefined],
    [undefined, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(parsePhoneCountry('Default Phone Country', value)).toBe(expected);
  });

  it.each(['USA', 'XX', 'United States'])('refuses %j', (value) => {
    expect(() => parsePhoneCountry('Default Phone Country', value)).toThrow(
      /^Default Phone Country: ".*" is not a two-letter country code/,
    );
  });
});

describe('parseGender', () => {
  it.each<[string, 'M' | 'F']>([
    ['M', 'M'],
    ['m', 'M'],
    ['Male', 'M'],
    ['MALE', 'M'],
    [' male ', 'M'],
    ['man', 'M'],
    ['F', 'F'],
    ['f', 'F'],
    ['Female', 'F'],
    ['female', 'F'],
    ['Woman', 'F'],
  ])('%j -> %s', (value, expected) => {
    expect(parseGender('Gender', value)).toBe(expected);
  });

  it.each([undefined, null, '', ' '])('%j is no gender', (value) => {
    expect(parseGender('Gender', value)).toBeUndefined();
  });

  it.each(['Non-binary', 'X', 'unknown', 'Mr'])(
    'refuses %j, saying CleverTap accepts only M or F',
    (value) => {
      expect(() => parseGender('Gender', value)).toThrow(
        /^Gender: ".*" is not a gender CleverTap stores: only M or F/,
      );
    },
  );

  it.each(['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf'])(
    'refuses %j, a name on the prototype of a plain object, as any other unknown gender',
    (value) => {
      expect(() => parseGender('Gender', value)).toThrow(InputError);
      expect(() => parseGender('Gender', value)).toThrow(
        new InputError(
          'Gender',
          `"${value}" is not a gender CleverTap stores: only M or F (Male, Female and the like are converted). ` +
            'Leave this empty, or map the value to a custom property instead.',
        ),
      );
    },
  );
});

describe('parseEmail', () => {
  it.each([
    ['ada@example.com', 'ada@example.com'],
    ['  Ada.Lovelace+crm@Example.co.uk ', 'Ada.Lovelace+crm@Example.co.uk'],
  ])('%j -> %j', (value, expected) => {
    expect(parseEmail('Email', value)).toBe(expected);
  });

  it.each([undefined, null, ''])('%j is no email', (value) => {
    expect(parseEmail('Email', value)).toBeUndefined();
  });

  it.each(['ada@@example', 'ada example.com', 'ada@example', 'Ada <ada@example.com>'])(
    'refuses %j',
    (value) => {
      expect(() => parseEmail('Email', value)).toThrow(/^Email: ".*" is not an email address/);
    },
  );
});

describe('phone metadata loads only when a phone is given', () => {
  it('does not require libphonenumber-js for a profile without a phone, and does for one with a phone', () => {
    const loaded = jest.fn();
    jest.isolateModules(() => {
      jest.doMock('libphonenumber-js/min', () => {
        loaded();
        return jest.requireActual('libphonenumber-js/min');
      });
      type Profile = typeof import('../../src/fields/profile');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { parseProfileData } = require('../../src/fields/profile') as Profile;
      parseProfileData({
        name: 'Ada',
        gender: 'female',
        defaultPhoneCountry: 'US',
        properties: { Plan: 'Gold' },
      });
      expect(loaded).not.toHaveBeenCalled();
      expect(parseProfileData({ phone: '(415) 555-0123', defaultPhoneCountry: 'US' })).toEqual({
        Phone: '+14155550123',
      });
      expect(loaded).toHaveBeenCalledTimes(1);
    });
  });
});

describe('parsePhone: where a country code comes from', () => {
  it('takes a country code only after + or a leading 00, never from digits inside the number', () => {
    expect(() => parsePhone('Phone', '44 20 7001 0958')).toThrow(
      new InputError(
        'Phone',
        '"44 20 7001 0958" has no country code. Write it with one (like +1 415 555 0123), or fill in Default ' +
          'Phone Country for numbers stored without one.',
      ),
    );
    expect(() => parsePhone('Phone', '415 555 0012')).toThrow(/^Phone: "415 555 0012" has no country code\./);
  });

  it('names the default country only when it was used', () => {
    const notPossible = (shown: string, where = '') =>
      new InputError(
        'Phone',
        `"${shown}" is not a possible phone number${where}. CleverTap needs the country code and the number, ` +
          'like +14155550123.',
      );
    expect(() => parsePhone('Phone', '0012')).toThrow(notPossible('0012'));
    expect(() => parsePhone('Phone', '+1 415', 'US')).toThrow(notPossible('+1 415'));
    expect(() => parsePhone('Phone', '0012', 'GB')).toThrow(notPossible('0012', ' in GB'));
  });
});
