import { InputError } from '../../src/input/errors';
import { parseKeyValues, parseYesNo, typedValue } from '../../src/input/values';

describe('typedValue: what a key/value row becomes', () => {
  it.each<[string, string | number | boolean]>([
    // numbers
    ['42', 42],
    ['-3.5', -3.5],
    ['0', 0],
    ['0.25', 0.25],
    ['1200.50', 1200.5],
    ['-0', 0],
    ['999999999999999', 999999999999999],
    // true / false, any case
    ['true', true],
    ['false', false],
    ['TRUE', true],
    ['False', false],
    // ISO dates and datetimes
    ['2024-05-01', '$D_1714521600'],
    ['2024-05-01T14:30:00Z', '$D_1714573800'],
    ['2024-05-01T14:30:00.000Z', '$D_1714573800'],
    ['2024-05-01T16:30:00+02:00', '$D_1714573800'],
    ['2024-05-01T14:30', '$D_1714573800'],
    ['1815-12-10', '$D_-4861728000'],
    // double quotes keep text, quotes removed
    ['"42"', '42'],
    ['"true"', 'true'],
    ['"2024-05-01"', '2024-05-01'],
    ['""', ''],
    ['\u201C42\u201D', '42'],
    // only looks numeric: stays text
    ['02139', '02139'],
    ['+14155550123', '+14155550123'],
    ['12345678901234567890', '12345678901234567890'],
    ['1234567890123456', '1234567890123456'],
    ['1.23456789012345678', '1.23456789012345678'],
    ['1e5', '1e5'],
    ['1,200', '1,200'],
    ['.5', '.5'],
    ['5.', '5.'],
    ['0x10', '0x10'],
    ['NaN', 'NaN'],
    ['Infinity', 'Infinity'],
    // only looks like a date: stays text
    ['2024', 2024],
    ['2024-02-30', '2024-02-30'],
    ['05/01/2024', '05/01/2024'],
    ['2024-05-01 14:30:00', '2024-05-01 14:30:00'],
    ['1714573800', 1714573800],
    // everything else is text, as given
    ['Gold', 'Gold'],
    ['yes', 'yes'],
    ['"unbalanced', '"unbalanced'],
    [' spaced ', ' spaced '],
  ])('%j -> %j', (text, expected) => {
    expect(typedValue(text)).toBe(expected);
  });

  it('trims around a value before typing it', () => {
    expect(typedValue(' 42 ')).toBe(42);
    expect(typedValue(' true\n')).toBe(true);
  });
});

describe('parseKeyValues', () => {
  const FIELD = 'Profile Properties';

  it('types values, trims names and skips empty values', () => {
    expect(
      parseKeyValues(
        FIELD,
        { Plan: 'Gold', ' Score ': '42', Zip: '02139', Empty: '', Blank: '  ', Missing: null },
        true,
      ),
    ).toEqual({ Plan: 'Gold', Score: 42, Zip: '02139' });
  });

  it('sends every value as given when conversion is off', () => {
    expect(
      parseKeyValues(FIELD, { Score: '42', Paid: 'true', Since: '2024-05-01', Q: '"x"' }, false),
    ).toEqual({
      Score: '42',
      Paid: 'true',
      Since: '2024-05-01',
      Q: '"x"',
    });
  });

  it('leaves the keys the caller reads itself as text', () => {
    expect(parseKeyValues(FIELD, { Phone: '4155550123', Score: '42' }, true, (k) => k === 'Phone')).toEqual({
      Phone: '4155550123',
      Score: 42,
    });
  });

  it.each([undefined, null, '', {}])('%j is no properties', (value) => {
    expect(parseKeyValues(FIELD, value, true)).toEqual({});
  });

  it.each<[string, unknown, RegExp]>([
    ['text instead of rows', 'Plan=Gold', /^Profile Properties: fill this in as rows/],
    ['a value without a name', { ' ': 'Gold' }, /^Profile Properties: the value "Gold" has no property name/],
    ['a nested value', { Tags: ['a'] }, /^Profile Properties: the value for "Tags" is a list or object/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => parseKeyValues(FIELD, value, true)).toThrow(InputError);
    expect(() => parseKeyValues(FIELD, value, true)).toThrow(message);
  });
});

describe('parseYesNo', () => {
  it.each<[unknown, boolean | undefined]>([
    [true, true],
    [false, false],
    ['true', true],
    ['False', false],
    ['yes', true],
    ['no', false],
    ['Y', true],
    ['n', false],
    ['1', true],
    ['0', false],
    ['', undefined],
    ['  ', undefined],
    [undefined, undefined],
    [null, undefined],
  ])('%j -> %j', (value, expected) => {
    expect(parseYesNo('Email Subscription', value)).toBe(expected);
  });

  it('refuses anything else, naming the field', () => {
    expect(() => parseYesNo('Email Subscription', 'maybe')).toThrow(
      /^Email Subscription: "maybe" is not yes or no/,
    );
  });
});
