import { parseEpochSeconds } from '../../src/input/dates';
import { InputError } from '../../src/input/errors';
import { parseKeyValues, parseYesNo, typedValue, typesValueOf, ValueTyping } from '../../src/input/values';

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

const TYPED: ValueTyping = { convert: true, keepAsText: new Set() };
const AS_TEXT: ValueTyping = { convert: false, keepAsText: new Set() };

describe('parseKeyValues', () => {
  const FIELD = 'Profile Properties';

  it('types values, trims names and skips empty values', () => {
    expect(
      parseKeyValues(
        FIELD,
        { Plan: 'Gold', ' Score ': '42', Zip: '02139', Empty: '', Blank: '  ', Missing: null },
        TYPED,
      ),
    ).toEqual({ Plan: 'Gold', Score: 42, Zip: '02139' });
  });

  it('sends every value as given when conversion is off', () => {
    expect(
      parseKeyValues(FIELD, { Score: '42', Paid: 'true', Since: '2024-05-01', Q: '"x"' }, AS_TEXT),
    ).toEqual({
      Score: '42',
      Paid: 'true',
      Since: '2024-05-01',
      Q: '"x"',
    });
  });

  it('leaves the keys the caller reads itself as text', () => {
    expect(parseKeyValues(FIELD, { Phone: '4155550123', Score: '42' }, TYPED, (k) => k === 'Phone')).toEqual({
      Phone: '4155550123',
      Score: 42,
    });
  });

  it.each([undefined, null, '', {}])('%j is no properties', (value) => {
    expect(parseKeyValues(FIELD, value, TYPED)).toEqual({});
  });

  it.each<[string, unknown, RegExp]>([
    ['text instead of rows', 'Plan=Gold', /^Profile Properties: fill this in as rows/],
    ['a value without a name', { ' ': 'Gold' }, /^Profile Properties: the value "Gold" has no property name/],
    ['a nested value', { Tags: ['a'] }, /^Profile Properties: the value for "Tags" is a list or object/],
  ])('refuses %s', (_name, value, message) => {
    expect(() => parseKeyValues(FIELD, value, TYPED)).toThrow(InputError);
    expect(() => parseKeyValues(FIELD, value, TYPED)).toThrow(message);
  });

  it('keeps the properties named in Keep as Text as text, whatever they look like, in any case', () => {
    const typing: ValueTyping = { convert: true, keepAsText: new Set(['zip code', 'deal id']) };
    const zips = ['94107', '02139'].map((zip) =>
      parseKeyValues(FIELD, { 'Zip Code': zip, 'Deal ID': '51', Score: '42' }, typing),
    );
    expect(zips).toEqual([
      { 'Zip Code': '94107', 'Deal ID': '51', Score: 42 },
      { 'Zip Code': '02139', 'Deal ID': '51', Score: 42 },
    ]);
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
    ['on', true],
    ['off', false],
    ['ON', true],
    [' Off ', false],
    ['YES', true],
    ['No', false],
    [1, true],
    [0, false],
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
    expect(() => parseYesNo('Email Subscription', 'maybe')).toThrow(
      new InputError(
        'Email Subscription',
        '"maybe" is not yes or no: choose Yes or No, or map a value that is yes/no or true/false.',
      ),
    );
  });

  it('quotes a long value shortened, so the message still says what to do', () => {
    let message = '';
    try {
      parseYesNo('Email Subscription', `maybe ${'later '.repeat(100)}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Email Subscription: "maybe later .*…" is not yes or no: choose Yes or No/);
    expect(message.length).toBeLessThanOrEqual(250);
  });
});

describe('parseEpochSeconds: what an unreadable date says (the dates typed values and date fields share)', () => {
  it('names the field, quotes the value and lists what is read', () => {
    expect(() => parseEpochSeconds('Creation Date', '31/13/2024')).toThrow(
      new InputError(
        'Creation Date',
        '"31/13/2024" is not a date the app can read. Use 2024-05-01T14:30:00Z (no offset: UTC), 2024-05-01, ' +
          'or Unix seconds or milliseconds.',
      ),
    );
  });

  it('shortens a long value so that what to do still fits in what Zapier shows', () => {
    let message = '';
    try {
      parseEpochSeconds('Creation Date', `sometime ${'next week '.repeat(50)}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/^Creation Date: "sometime next week .*…" is not a date the app can read\. Use /);
    expect(message).toMatch(/Unix seconds or milliseconds\.$/);
    expect(message.length).toBeLessThanOrEqual(250);
  });
});

describe('typedValue: the edges of numbers, dates and quotes', () => {
  it.each<[string, string | number]>([
    // 15 significant digits are kept exactly, whatever the dot and the leading zeros
    ['1.23456789012345', 1.23456789012345],
    ['-12345678901234.5', -12345678901234.5],
    ['0.000123456789012345', 0.000123456789012345],
    ['1.234567890123456', '1.234567890123456'],
    // offsets with or without minutes and colon
    ['2024-05-01T16:30:00+02', '$D_1714573800'],
    ['2024-05-01T16:30:00+0200', '$D_1714573800'],
    ['2024-05-01T12:30:00-02:00', '$D_1714573800'],
    ['2024-05-01t14:30:00z', '$D_1714573800'],
    // a date only when the whole text is one
    ['+002024-05-01', '+002024-05-01'],
    ['on 2024-05-01', 'on 2024-05-01'],
    ['2024-05-01 or later', '2024-05-01 or later'],
    // quotes around the whole text only, whatever is inside
    ['say "hi"', 'say "hi"'],
    ['"hi" there', '"hi" there'],
    ['" a b "', ' a b '],
    ['"line\none"', 'line\none'],
    ['\u201C a b \u201D', ' a b '],
    ['\u201Ca\u201D b', '\u201Ca\u201D b'],
  ])('%j -> %j', (text, expected) => {
    expect(typedValue(text)).toBe(expected);
  });
});

describe('typesValueOf: which rows are typed', () => {
  const typing: ValueTyping = { convert: true, keepAsText: new Set(['zip code']) };

  it('types every row when conversion is on, except the names kept as text, in any case and spacing', () => {
    expect(typesValueOf(typing, 'Score')).toBe(true);
    expect(typesValueOf(typing, 'Zip Code')).toBe(false);
    expect(typesValueOf(typing, '  ZIP CODE ')).toBe(false);
  });

  it('types nothing when conversion is off', () => {
    expect(typesValueOf({ ...typing, convert: false }, 'Score')).toBe(false);
  });
});

describe('parseKeyValues: values that arrive typed', () => {
  it('keeps numbers and true/false that Zapier handed over as they are, and skips undefined', () => {
    expect(
      parseKeyValues(
        'Profile Properties',
        { Big: 1e21, Small: 2.5e-7, Paid: false, Count: 5, Gone: undefined },
        TYPED,
      ),
    ).toStrictEqual({ Big: 1e21, Small: 2.5e-7, Paid: false, Count: 5 });
  });
});
